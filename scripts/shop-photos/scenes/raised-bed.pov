// raised-bed (gardening)
#declare Backdrop = rgb <0.9, 0.94, 0.86>;
#include "studio.inc"
#include "products.inc"
object { RaisedBed() }
