package document

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// PDFs are read by PDFium compiled to WebAssembly and run by wazero: pure
// Go, nothing to install. Compiling the module takes seconds, so the
// compiled code is kept in the user's cache folder, and nothing is set up
// until the first PDF is met: a run without PDFs starts as fast as before.

// Bounds on what one PDF may take. A PDF is untrusted input: a page whose
// content expands to gigabytes or loops must fail that file, not the batch.
const (
	// pdfMemoryLimit is how much WebAssembly memory one instance may grow
	// to: two instances at their limit and the rest of the process (~70 MB)
	// stay under 300 MiB with --jobs 2. The largest of 40 reports took 18 MiB.
	pdfMemoryLimit  = 112 << 20
	pdfMaxFile      = pdfMemoryLimit / 4 * 3 // the file is copied into that memory
	pdfKeepMemory   = 48 << 20               // an instance grown past this is dropped after its document
	pdfMaxChars     = 1 << 20                // characters of one page's text layer
	pdfMaxText      = 64 << 20
	pdfMaxInstances = 64 // more than any --jobs; concurrency is the pipeline's
)

// pdfMaxPages is how many pages of one PDF are read (a variable for tests).
var pdfMaxPages = 5000

// PDFTimeout is how long one PDF may take to read before it is abandoned
// as hanging. A variable so that tests can shorten it.
var PDFTimeout = 2 * time.Minute

// CacheDir returns the folder where the compiled PDF reader is kept,
// os.UserCacheDir()/zhmetrics, or "" when the user has no cache folder.
func CacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "zhmetrics")
}

var pdfEngine struct {
	once sync.Once
	pool pdfium.Pool
	err  error
}

// pdfPool returns the pool of PDFium instances, creating it on first use.
func pdfPool() (pdfium.Pool, error) {
	pdfEngine.once.Do(func() {
		pdfEngine.pool, pdfEngine.err = newPDFPool(CacheDir())
	})
	return pdfEngine.pool, pdfEngine.err
}

func newPDFPool(cacheDir string) (pdfium.Pool, error) {
	rc := wazero.NewRuntimeConfig().
		WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling).
		WithMemoryLimitPages(pdfMemoryLimit / 65536)
	// No WithCloseOnContextDone: it makes every loop of PDFium call out to
	// check for a stop, which took 2.7 times as long (11.2 s against 4.2 s
	// for 93 pages). A document that takes too long is abandoned instead
	// (see pdfPages).
	if cacheDir != "" {
		// A cache that cannot be made only costs time: compile in memory.
		if cache, err := wazero.NewCompilationCacheWithDir(cacheDir); err == nil {
			rc = rc.WithCompilationCache(cache)
		}
	}
	pool, err := webassembly.Init(webassembly.Config{
		Context:       pdfContext(),
		MinIdle:       0,
		MaxIdle:       pdfMaxInstances,
		MaxTotal:      pdfMaxInstances,
		ReuseWorkers:  true,
		RuntimeConfig: rc,
		FSConfig:      wazero.NewFSConfig(), // no host files: documents come as bytes
		Stdout:        io.Discard,
		Stderr:        io.Discard,
	})
	if err != nil {
		return nil, errors.New("PDF reader: " + err.Error())
	}
	return pool, nil
}

// compileWorkers is how many goroutines compile PDFium when the cache
// does not hold it: two halve the first run's wait (10.4 s to 5.4 s on
// two cores), and each more keeps another ~90 MB of compiler state.
const compileWorkers = 2

// pdfContext carries the instances' memory allocator and the compile's
// workers.
func pdfContext() context.Context {
	ctx := experimental.WithMemoryAllocator(context.Background(), pdfMemoryAllocator())
	return experimental.WithCompilationWorkers(ctx, min(compileWorkers, runtime.GOMAXPROCS(0)))
}

// pdfSession is one PDFium instance lent to one document.
type pdfSession struct {
	inst pdfium.Pdfium
	// failed is set when a call failed: PDFium may have trapped half-way,
	// so the instance is not given back.
	failed bool
}

func newPDFSession() (*pdfSession, error) {
	pool, err := pdfPool()
	if err != nil {
		return nil, err
	}
	// Waiting for an instance is not the document's time: there are
	// more instances than workers, so this waits only while one starts.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	inst, err := pool.GetInstanceWithContext(ctx)
	if err != nil {
		return nil, errors.New("PDF reader: " + err.Error())
	}
	return &pdfSession{inst: inst}, nil
}

// close gives the instance back, or drops it when it has grown large, so
// that the memory one big document took does not stay for the rest of the
// run.
func (s *pdfSession) close() {
	if s.failed || s.memorySize() > pdfKeepMemory {
		s.inst.Kill()
		return
	}
	s.inst.Close()
}

// memorySize returns the size of the instance's WebAssembly memory. The
// implementation's type is internal to go-pdfium, so its Module field is
// reached by reflection; 0 when that fails.
func (s *pdfSession) memorySize() uint32 {
	type implementer interface{ GetImplementation() any }
	h, ok := s.inst.(implementer)
	if !ok {
		return 0
	}
	impl := reflect.ValueOf(h.GetImplementation())
	if impl.Kind() != reflect.Pointer || impl.Elem().Kind() != reflect.Struct {
		return 0
	}
	module := impl.Elem().FieldByName("Module")
	if !module.IsValid() || module.IsNil() {
		return 0
	}
	memory := module.MethodByName("Memory")
	if !memory.IsValid() {
		return 0
	}
	out := memory.Call(nil)
	if sized, ok := out[0].Interface().(interface{ Size() uint32 }); ok {
		return sized.Size()
	}
	return 0
}
