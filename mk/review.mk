# Review page: the browser its checks run in, the checks, and the load
# benchmark. `go test` skips the browser checks, saying so, when Chromium
# is missing.

REVIEW_DOCS ?=

.PHONY: review-deps review-check review-bench review

# Debian's Chromium and CJK fonts (as root; dpkg may be busy with another
# install: wait and run again).
review-deps:
	apt-get install -y --no-install-recommends chromium fonts-noto-cjk

# The page checks; REVIEW_DOCS=DIR runs them on other documents than the
# bundled corpus.
review-check:
	ZHMETRICS_REVIEW_DOCS=$(if $(REVIEW_DOCS),$(abspath $(REVIEW_DOCS))) \
		$(GO) test ./cmd/zhmetrics -count=1 -run 'TestReviewPage|TestDiffPage' -v

# Load time in headless Chromium: the corpus, one document of 30,000
# characters, a batch of 1,000 documents.
review-bench:
	$(GO) test ./cmd/zhmetrics -run '^$$' -bench BenchmarkReviewPageLoad -benchtime 5x

# The corpus's review page, to open in a browser.
review: build
	@mkdir -p out
	$(BIN) extract $(CORPUS) -q -o out/review.html
	@echo "open out/review.html in a browser"
