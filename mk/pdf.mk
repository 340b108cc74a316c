# The producers the PDF and .doc tests convert the corpus with (Debian
# packages). Without them those tests skip and the fixtures in
# testdata/pdf and testdata/doc still run.
.PHONY: pdf-tools
pdf-tools:
	apt-get install -y --no-install-recommends libreoffice-writer-nogui chromium fonts-noto-cjk poppler-utils qpdf
