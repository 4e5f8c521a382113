"""Rutas de documentos generados (las define el trabajo de documentos)."""

urlpatterns: list = []
