"""Entrega de convocatorias por correo, enlaces personales, portal de integrantes y firmas."""
