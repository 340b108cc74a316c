//go:build unix

package document

import (
	"runtime"

	"github.com/tetratelabs/wazero/experimental"
	"golang.org/x/sys/unix"
)

// pdfMemoryAllocator backs each PDFium instance's WebAssembly memory with
// one anonymous mapping of the instance's limit, reserved but not
// committed: pages count towards the process's memory only once PDFium
// touches them, growing never copies, and closing an instance gives its
// pages back at once instead of leaving copies for the garbage collector.
func pdfMemoryAllocator() experimental.MemoryAllocator {
	return experimental.MemoryAllocatorFunc(func(_, max uint64) experimental.LinearMemory {
		size := min(max, uint64(pdfMemoryLimit))
		if size == 0 {
			size = pdfMemoryLimit
		}
		buf, err := unix.Mmap(-1, 0, int(size), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON|unix.MAP_NORESERVE)
		if err != nil {
			return &mappedMemory{} // every growth fails: PDFium reports it
		}
		m := &mappedMemory{buf: buf}
		// An instance killed for its time is closed while its code may
		// still run on another goroutine: Free only drops the pages (a
		// late access reads zeros), and the mapping goes once nothing
		// can reach the memory any more.
		runtime.AddCleanup(m, func(b []byte) { unix.Munmap(b) }, buf)
		return m
	})
}

type mappedMemory struct{ buf []byte }

func (m *mappedMemory) Reallocate(size uint64) []byte {
	if size > uint64(len(m.buf)) {
		return nil
	}
	return m.buf[:size]
}

func (m *mappedMemory) Free() {
	unix.Madvise(m.buf, unix.MADV_DONTNEED)
}
