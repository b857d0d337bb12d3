// cabin-suitcase (travel)
#declare Backdrop = rgb <0.95, 0.92, 0.88>;
#include "studio.inc"
#include "products.inc"
object { Suitcase(rgb <0.75, 0.12, 0.14>) }
