// instant-camera (photography)
#declare Backdrop = rgb <0.93, 0.9, 0.95>;
#include "studio.inc"
#include "products.inc"
object { InstantCamera(rgb <0.55, 0.8, 0.75>) }
