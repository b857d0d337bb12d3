// tripod (photography)
#declare Backdrop = rgb <0.93, 0.9, 0.95>;
#include "studio.inc"
#include "products.inc"
object { Tripod(rgb <0.35, 0.35, 0.4>) translate y * -0.05 }
