// knife-set (cooking)
#declare Backdrop = rgb <0.97, 0.92, 0.88>;
#include "studio.inc"
#include "products.inc"
object { KnifeSet() }
