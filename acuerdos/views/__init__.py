"""Vistas de acuerdos, por concepto: `acuerdo` (la sesión y cada acuerdo) y `seguimiento` (la
lista con filtros, las acciones masivas, el tablero y la bitácora de ejecuciones)."""
