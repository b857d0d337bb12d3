// headset (gaming)
#declare Backdrop = rgb <0.9, 0.89, 0.96>;
#include "studio.inc"
#include "products.inc"
object { Headset(rgb <0.55, 0.2, 0.75>) }
