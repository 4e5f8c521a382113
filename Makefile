# Los dos comandos del README: `make run` y `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
LISTO := $(VENV)/.instalado
LISTO_DEV := $(VENV)/.instalado-dev
URL := http://127.0.0.1:8000

.PHONY: run test install install-dev lint pytest bench clean

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv

$(LISTO): pyproject.toml | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(PY) -r pyproject.toml
	@touch $@

$(LISTO_DEV): pyproject.toml | $(BIN)/uv
	$(BIN)/uv pip install --quiet --python $(PY) -r pyproject.toml --extra dev
	@touch $(LISTO) $@

install: $(LISTO)
install-dev: $(LISTO_DEV)

## Instala, migra, carga la demostración y arranca servidor y trabajador juntos.
run: export DJANGO_DEBUG := 1
run: install
	@# Una base de antes de las aplicaciones por concepto (tabla sesiones_entrega) no migra: se aparta.
	@$(PY) -c "import sqlite3,pathlib,sys; p=pathlib.Path('var/sesiones.sqlite3'); \
	  v=p.exists() and sqlite3.connect(p).execute(\"select 1 from sqlite_master where name='sesiones_entrega'\").fetchone(); \
	  v and ([q.rename(str(q).replace('sesiones.sqlite3', 'sesiones.anterior.sqlite3')) for q in p.parent.glob('sesiones.sqlite3*')], \
	  print('  La base anterior quedó en var/sesiones.anterior.sqlite3; se crea una nueva.'))"
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py cargar_demo
	@echo ""
	@echo "  Sesiones está en $(URL)"
	@echo "  Entre con  usuario: juridico   clave: sesiones2022   (Dirección Jurídica)"
	@echo "  También:   seguimiento / sesiones2022   integrante.cc / sesiones2022"
	@echo "  Ctrl+C detiene el servidor y el trabajador de tareas."
	@echo ""
	@trap 'kill 0' INT TERM EXIT; \
	  $(PY) manage.py qcluster & \
	  $(PY) manage.py runserver 127.0.0.1:8000

## Todo el conjunto de pruebas: lint (ruff, capas, tipos), migraciones al día y pytest.
test: install-dev lint pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_DEBUG=1 $(BIN)/mypy comun bitacora sesiones documentos entregas acuerdos transparencia api config
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run -v 1

pytest: install-dev
	$(PY) -m pytest -n 2 -p no:cacheprovider

bench: install-dev
	$(PY) bench/todos.py

clean:
	rm -rf $(VENV) var
