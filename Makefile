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
	$(GO) test ./...

test-deps:
	@./scripts/test-deps.sh

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# Run each fuzz target for a bounded time; crashers land in testdata/fuzz.
fuzz:
	$(GO) test ./extract/number -run '^$$' -fuzz '^FuzzFind$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./extract -run '^$$' -fuzz '^FuzzNames$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./extract -run '^$$' -fuzz '^FuzzLexicon$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./normalize -run '^$$' -fuzz '^FuzzNormalize$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./normalize -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./pipeline -run '^$$' -fuzz '^FuzzProcess$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./review -run '^$$' -fuzz '^FuzzMarks$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./normalize -run '^$$' -fuzz '^FuzzCheckedReader$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./document -run '^$$' -fuzz '^FuzzRecordReader$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./document -run '^$$' -fuzz '^FuzzMarkupSplitter$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./document -run '^$$' -fuzz '^FuzzHTMLReader$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./document/word -run '^$$' -fuzz '^FuzzDocText$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./document/word -run '^$$' -fuzz '^FuzzRTFText$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./document -run '^$$' -fuzz '^FuzzPDFText$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./document -run '^$$' -fuzz '^FuzzMHTMLText$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)
	$(GO) test ./output -run '^$$' -fuzz '^FuzzCSVMatchesEncodingCSV$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE)

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
