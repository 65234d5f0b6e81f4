//! Chart drawing (pure-ish): `draw_*` functions generic over plotters' `DrawingBackend`.
