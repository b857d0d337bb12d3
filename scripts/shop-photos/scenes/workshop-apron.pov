// workshop-apron (home-diy)
#declare Backdrop = rgb <0.95, 0.93, 0.87>;
#include "studio.inc"
#include "products.inc"
object { Apron(rgb <0.55, 0.45, 0.3>) rotate y * -10 }
