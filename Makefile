# zhmetrics — build, test and measure.
GO      ?= go
BIN     ?= bin/zhmetrics
CORPUS  ?= testdata/corpus/docs
OUT     ?= out/metrics.xlsx
FUZZTIME ?= 20s
# Minimising an input that found new code runs the target over and over;
# for the PDF reader (milliseconds an input) the default minute of it left
# most of FUZZTIME to minimising.
FUZZMINIMIZE ?= 2s
# The version and commit `zhmetrics --version` and the man pages show,
# stamped even where Go cannot read the repository (a tarball, a worktree).
VERSION ?= $(shell git describe --tags --dirty 2>/dev/null || echo v0.0.0-devel)
COMMIT  ?= $(shell git describe --always --dirty --abbrev=12 --match=no-tag-matches 2>/dev/null)
LDFLAGS ?= -X main.version=$(VERSION) -X main.commit=$(COMMIT)

.PHONY: all build run test test-deps vet fmt-check fuzz clean

all: build

build:
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/zhmetrics

# The main job: extract the bundled corpus into a workbook.
run: build
	@mkdir -p $(dir $(OUT))
	$(BIN) extract $(CORPUS) -o $(OUT)
	@echo "wrote $(OUT)"

# Everything CI checks. test-deps installs, as root, the browser and the
# document converters some tests drive; without them those tests skip.
test: test-deps vet fmt-check
	./scripts/test-fuzz-script.sh
	$(GO) test ./...

test-deps:
	@./scripts/test-deps.sh

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# Run each fuzz target for a bounded time; crashers land in testdata/fuzz.
# scripts/fuzz.sh runs a target again when Go's coordinator ends a run that
# found nothing by its own deadline race (go.dev/issue/75804).
fuzz:
	GO=$(GO) ./scripts/fuzz.sh extract/number FuzzFind $(FUZZTIME) $(FUZZMINIMIZE)
	GO=$(GO) ./scripts/fuzz.sh extract FuzzNames $(FUZZTIME) $(FUZZMINIMIZE)
	GO=$(GO) ./scripts/fuzz.sh extract FuzzLexicon $(FUZZTIME) $(FUZZMINIMIZE)
	GO=$(GO) ./scripts/fuzz.sh normalize FuzzNormalize $(FUZZTIME) $(FUZZMINIMIZE)
	GO=$(GO) ./scripts/fuzz.sh normalize FuzzDecode $(FUZZTIME) $(FUZZMINIMIZE)
	GO=$(GO) ./scripts/fuzz.sh pipeline FuzzProcess $(FUZZTIME) $(FUZZMINIMIZE)
	GO=$(GO) ./scripts/fuzz.sh review FuzzMarks $(FUZZTIME) $(FUZZMINIMIZE)
	GO=$(GO) ./scripts/fuzz.sh normalize FuzzCheckedReader $(FUZZTIME) $(FUZZMINIMIZE)
	GO=$(GO) ./scripts/fuzz.sh document FuzzRecordReader $(FUZZTIME) $(FUZZMINIMIZE)
	GO=$(GO) ./scripts/fuzz.sh document FuzzMarkupSplitter $(FUZZTIME) $(FUZZMINIMIZE)
	GO=$(GO) ./scripts/fuzz.sh document FuzzHTMLReader $(FUZZTIME) $(FUZZMINIMIZE)
	GO=$(GO) ./scripts/fuzz.sh document/word FuzzDocText $(FUZZTIME) $(FUZZMINIMIZE)
	GO=$(GO) ./scripts/fuzz.sh document/word FuzzRTFText $(FUZZTIME) $(FUZZMINIMIZE)
	GO=$(GO) ./scripts/fuzz.sh document FuzzPDFText $(FUZZTIME) $(FUZZMINIMIZE)
	GO=$(GO) ./scripts/fuzz.sh document FuzzMHTMLText $(FUZZTIME) $(FUZZMINIMIZE)
	GO=$(GO) ./scripts/fuzz.sh output FuzzCSVMatchesEncodingCSV $(FUZZTIME) $(FUZZMINIMIZE)

clean:
	rm -rf bin out

# Benchmarks: per-stage Go benchmarks and whole-process comparisons with
# opencc and jieba on generated corpora; prints one table of medians.
.PHONY: bench torture regress
bench:
	./scripts/bench.sh

# Bad-input torture run: generated corpus in a temporary folder.
torture:
	$(GO) test -tags torture -count=1 -timeout 30m -v ./torture

# Further targets live beside this file, one concern a file.
-include mk/*.mk
