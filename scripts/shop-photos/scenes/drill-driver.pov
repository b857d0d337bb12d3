// drill-driver (home-diy)
#declare Backdrop = rgb <0.95, 0.93, 0.87>;
#include "studio.inc"
#include "products.inc"
object { Drill(rgb <0.1, 0.55, 0.55>) }
