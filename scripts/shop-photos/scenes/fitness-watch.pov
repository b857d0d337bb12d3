// fitness-watch (sports)
#declare Backdrop = rgb <0.88, 0.92, 0.96>;
#include "studio.inc"
#include "products.inc"
object { Watch(rgb <0.95, 0.4, 0.2>) scale 1.35 }
