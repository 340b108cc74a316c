# Ecosystem: the regression check CI runs, the outputs read back by the
# tools analysts use (LibreOffice, DuckDB, pandas), a Dask scale-out
# example, and install. Each check installs what it lacks when run as root
# (Debian packages; @duckdb/node-api from npm into ECO_CACHE) and otherwise
# says what is missing; each exits non-zero on a mismatch.

ECO_CORPUS ?= testdata/corpus/docs
ECO_OUT    ?= out/ecosystem
ECO_CACHE  ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/zhmetrics
ECO        := scripts/ecosystem
SCHEDULER  ?=

PREFIX     ?= /usr/local
DESTDIR    ?=
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
DATADIR    ?= $(PREFIX)/share

.PHONY: ecosystem ecosystem-deps regress check-libreoffice check-duckdb check-pandas \
	example-dask install uninstall check-install

# Every check below, after installing what they use in one go.
ecosystem: ecosystem-deps regress check-libreoffice check-duckdb check-pandas example-dask check-install

ecosystem-deps:
	bash $(ECO)/install-deps.sh

# Extract the bundled corpus with default flags, diff it against the
# committed golden rows and score it against the gold; both always run.
REGRESS_OUT ?= out/regress
regress: build
	@mkdir -p $(REGRESS_OUT)
	$(BIN) extract testdata/corpus/docs -q -o $(REGRESS_OUT)/corpus.csv
	@status=0; \
	echo "$(BIN) diff testdata/golden/corpus.csv $(REGRESS_OUT)/corpus.csv"; \
	$(BIN) diff testdata/golden/corpus.csv $(REGRESS_OUT)/corpus.csv || { status=1; \
		echo "regress: rows differ from testdata/golden/corpus.csv; after an intended change run: go test ./cmd/zhmetrics -update"; }; \
	echo "$(BIN) eval --gold testdata/corpus/gold.jsonl --docs testdata/corpus/docs --min-f1 0.99 $(REGRESS_OUT)/corpus.csv"; \
	$(BIN) eval --gold testdata/corpus/gold.jsonl --docs testdata/corpus/docs --min-f1 0.99 $(REGRESS_OUT)/corpus.csv || status=1; \
	exit $$status

# XLSX → CSV with LibreOffice headless, sheet by sheet, against the CSV output.
check-libreoffice: build
	bash $(ECO)/check-libreoffice.sh $(BIN) $(ECO_CORPUS) $(ECO_OUT)/libreoffice

# Parquet read back with DuckDB: types, row count, sum of value, every row.
check-duckdb: build
	bash $(ECO)/check-duckdb.sh $(BIN) $(ECO_CORPUS) $(ECO_OUT)/duckdb $(ECO_CACHE)/duckdb-node

# CSV (and JSON Lines, and Parquet when pandas can) read as the README shows.
check-pandas: build
	bash $(ECO)/check-pandas.sh $(BIN) $(ECO_CORPUS) $(ECO_OUT)/pandas

# The corpus through the streaming mode on a Dask cluster: a LocalCluster
# with 2 workers, or SCHEDULER=tcp://host:8786; rows checked against one process.
example-dask: build
	bash $(ECO)/example-dask.sh $(BIN) $(ECO_CORPUS) $(ECO_OUT)/dask $(SCHEDULER)

# The binary, a man page per command and bash, zsh and fish completions.
install: build
	rm -rf $(ECO_OUT)/install && mkdir -p $(ECO_OUT)/install/man
	$(BIN) docs man $(ECO_OUT)/install/man
	$(BIN) completion bash > $(ECO_OUT)/install/zhmetrics.bash
	$(BIN) completion zsh > $(ECO_OUT)/install/_zhmetrics
	$(BIN) completion fish > $(ECO_OUT)/install/zhmetrics.fish
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(DATADIR)/bash-completion/completions \
		$(DESTDIR)$(DATADIR)/zsh/site-functions \
		$(DESTDIR)$(DATADIR)/fish/vendor_completions.d
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/zhmetrics
	install -m 0644 $(ECO_OUT)/install/man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 0644 $(ECO_OUT)/install/zhmetrics.bash $(DESTDIR)$(DATADIR)/bash-completion/completions/zhmetrics
	install -m 0644 $(ECO_OUT)/install/_zhmetrics $(DESTDIR)$(DATADIR)/zsh/site-functions/_zhmetrics
	install -m 0644 $(ECO_OUT)/install/zhmetrics.fish $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/zhmetrics.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/zhmetrics $(DESTDIR)$(MANDIR)/man1/zhmetrics.1 \
		$(DESTDIR)$(MANDIR)/man1/zhmetrics-*.1 \
		$(DESTDIR)$(DATADIR)/bash-completion/completions/zhmetrics \
		$(DESTDIR)$(DATADIR)/zsh/site-functions/_zhmetrics \
		$(DESTDIR)$(DATADIR)/fish/vendor_completions.d/zhmetrics.fish

# install into a scratch DESTDIR and check what landed works.
check-install:
	rm -rf $(ECO_OUT)/stage
	$(MAKE) --no-print-directory install DESTDIR=$(abspath $(ECO_OUT)/stage) PREFIX=/usr/local
	bash $(ECO)/check-install.sh $(abspath $(ECO_OUT)/stage) /usr/local
	$(MAKE) --no-print-directory uninstall DESTDIR=$(abspath $(ECO_OUT)/stage) PREFIX=/usr/local
	@left=$$(find $(ECO_OUT)/stage -type f); \
	if [ -n "$$left" ]; then echo "uninstall left:"; echo "$$left"; exit 1; fi
