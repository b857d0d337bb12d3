// carbon-rod (fishing)
#declare Backdrop = rgb <0.86, 0.92, 0.95>;
#include "studio.inc"
#include "products.inc"
object { Rod(rgb <0.12, 0.2, 0.35>) }
