// fishing-jacket (fishing)
#declare Backdrop = rgb <0.86, 0.92, 0.95>;
#include "studio.inc"
#include "products.inc"
object { Jacket(rgb <0.18, 0.33, 0.3>) rotate y * -15 }
