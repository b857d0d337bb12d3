// photo-book (photography)
#declare Backdrop = rgb <0.93, 0.9, 0.95>;
#include "studio.inc"
#include "products.inc"
object { PhotoBook() scale 1.3 }
