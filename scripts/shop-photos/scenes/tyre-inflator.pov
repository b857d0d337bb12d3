// tyre-inflator (cars)
#declare Backdrop = rgb <0.9, 0.91, 0.93>;
#include "studio.inc"
#include "products.inc"
object { Inflator(rgb <0.95, 0.55, 0.1>) }
