// Confirmación para botones destructivos sin JavaScript en línea (la CSP lo prohíbe).
document.addEventListener("click", function (evento) {
  const boton = evento.target.closest("[data-confirmar]");
  if (boton && !window.confirm(boton.dataset.confirmar)) {
    evento.preventDefault();
  }
});
