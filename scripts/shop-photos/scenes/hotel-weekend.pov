// hotel-weekend (travel)
#declare Backdrop = rgb <0.95, 0.92, 0.88>;
#include "studio.inc"
#include "products.inc"
object { Voucher(rgb <0.12, 0.2, 0.4>, rgb <0.85, 0.68, 0.3>) }
object { HotelKey() translate <0.75, 0.03, -0.85> }
