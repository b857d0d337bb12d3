// winter-fishing-set (fishing)
#declare Backdrop = rgb <0.86, 0.92, 0.95>;
#include "studio.inc"
#include "products.inc"
object { WinterSet(rgb <0.2, 0.4, 0.7>) }
