// neck-pillow (travel)
#declare Backdrop = rgb <0.95, 0.92, 0.88>;
#include "studio.inc"
#include "products.inc"
object { Pillow(rgb <0.45, 0.6, 0.75>) }
