// Package chromium drives a headless Chromium over the DevTools protocol,
// for tests that check pages in a real browser. It speaks just enough of
// the protocol for that: open a page, load a URL, evaluate script, and
// record the page's requests and console errors.
package chromium

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/websocket"
)

// ErrNotFound means no Chromium binary is installed.
var ErrNotFound = errors.New("chromium not found (install it with `make review-deps`, or set ZHMETRICS_CHROMIUM to its path)")

// Binary finds the browser: $ZHMETRICS_CHROMIUM, else chromium,
// chromium-browser or google-chrome on PATH.
func Binary() (string, error) {
	if p := os.Getenv("ZHMETRICS_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNotFound
}

// Browser is a running headless Chromium.
type Browser struct {
	cmd     *exec.Cmd
	profile string
	http    string // http://127.0.0.1:PORT
}

// Start launches headless Chromium with a fresh profile and no network
// activity of its own.
func Start(ctx context.Context) (*Browser, error) {
	bin, err := Binary()
	if err != nil {
		return nil, err
	}
	profile, err := os.MkdirTemp("", "zhmetrics-chromium-*")
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--remote-debugging-port=0", "--remote-allow-origins=*",
		"--user-data-dir="+profile, "--no-first-run", "--no-default-browser-check",
		"--disable-extensions", "--disable-background-networking", "--disable-component-update",
		"--disable-sync", "--disable-default-apps", "--window-size=1400,900", "about:blank")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		os.RemoveAll(profile)
		return nil, err
	}
	b := &Browser{cmd: cmd, profile: profile}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sent := false
		for sc.Scan() {
			const marker = "DevTools listening on ws://"
			if i := strings.Index(sc.Text(), marker); i >= 0 && !sent {
				addr := sc.Text()[i+len(marker):]
				found <- "http://" + addr[:strings.IndexByte(addr, '/')]
				sent = true
			}
		}
		if !sent {
			close(found)
		}
	}()
	select {
	case addr, ok := <-found:
		if !ok {
			b.Close()
			return nil, errors.New("chromium exited before it listened for DevTools")
		}
		b.http = addr
	case <-time.After(30 * time.Second):
		b.Close()
		return nil, errors.New("chromium did not start within 30 s")
	}
	return b, nil
}

// Close stops the browser and removes its profile.
func (b *Browser) Close() {
	if b.cmd.Process != nil {
		b.cmd.Process.Kill()
		b.cmd.Wait()
	}
	os.RemoveAll(b.profile)
}

// Page is one browser tab.
type Page struct {
	ws *websocket.Conn

	mu       sync.Mutex
	nextID   int
	waiting  map[int]chan reply
	events   map[string][]chan json.RawMessage
	requests []string // URLs the page asked for
	errors   []string // console errors and uncaught exceptions
	closed   error
}

type reply struct {
	Result json.RawMessage
	Err    error
}

type message struct {
	ID     int             `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error"`
}

// NewPage opens a blank tab that records its requests and console errors.
func (b *Browser) NewPage() (*Page, error) {
	req, err := http.NewRequest(http.MethodPut, b.http+"/json/new?about:blank", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var target struct {
		WebSocketDebuggerURL string `json:"webSocketDebuggerUrl"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&target); err != nil {
		return nil, fmt.Errorf("new tab: %w", err)
	}
	ws, err := websocket.Dial(target.WebSocketDebuggerURL, "", b.http)
	if err != nil {
		return nil, err
	}
	ws.MaxPayloadBytes = 256 << 20
	p := &Page{ws: ws, waiting: map[int]chan reply{}, events: map[string][]chan json.RawMessage{}}
	go p.read()
	for _, domain := range []string{"Page", "Runtime", "Network", "Log"} {
		if err := p.Call(domain+".enable", nil, nil); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// read dispatches replies and events until the connection closes.
func (p *Page) read() {
	for {
		var m message
		err := websocket.JSON.Receive(p.ws, &m)
		p.mu.Lock()
		if err != nil {
			p.closed = err
			for _, ch := range p.waiting {
				ch <- reply{Err: err}
			}
			p.waiting = nil
			p.mu.Unlock()
			return
		}
		if m.ID != 0 {
			if ch := p.waiting[m.ID]; ch != nil {
				delete(p.waiting, m.ID)
				r := reply{Result: m.Result}
				if m.Error != nil {
					r.Err = errors.New(m.Error.Message)
				}
				ch <- r
			}
		} else {
			p.record(m.Method, m.Params)
			for _, ch := range p.events[m.Method] {
				select {
				case ch <- m.Params:
				default:
				}
			}
		}
		p.mu.Unlock()
	}
}

// record keeps the requests and errors a page makes; p.mu is held.
func (p *Page) record(method string, params json.RawMessage) {
	switch method {
	case "Network.requestWillBeSent":
		var e struct {
			Request struct {
				URL string `json:"url"`
			} `json:"request"`
		}
		if json.Unmarshal(params, &e) == nil {
			p.requests = append(p.requests, e.Request.URL)
		}
	case "Runtime.consoleAPICalled":
		var e struct {
			Type string `json:"type"`
			Args []struct {
				Value       any    `json:"value"`
				Description string `json:"description"`
			} `json:"args"`
		}
		if json.Unmarshal(params, &e) == nil && (e.Type == "error" || e.Type == "assert") {
			p.errors = append(p.errors, fmt.Sprintf("console.%s: %v", e.Type, e.Args))
		}
	case "Runtime.exceptionThrown":
		p.errors = append(p.errors, "exception: "+string(params))
	case "Log.entryAdded":
		var e struct {
			Entry struct {
				Level string `json:"level"`
				Text  string `json:"text"`
				URL   string `json:"url"`
			} `json:"entry"`
		}
		if json.Unmarshal(params, &e) == nil && e.Entry.Level == "error" {
			p.errors = append(p.errors, "log: "+e.Entry.Text+" "+e.Entry.URL)
		}
	}
}

// Call sends a command and decodes its result into result (may be nil).
func (p *Page) Call(method string, params, result any) error {
	if params == nil {
		params = struct{}{}
	}
	p.mu.Lock()
	if p.closed != nil {
		p.mu.Unlock()
		return p.closed
	}
	p.nextID++
	id := p.nextID
	ch := make(chan reply, 1)
	p.waiting[id] = ch
	p.mu.Unlock()
	if err := websocket.JSON.Send(p.ws, map[string]any{"id": id, "method": method, "params": params}); err != nil {
		return err
	}
	select {
	case r := <-ch:
		if r.Err != nil {
			return fmt.Errorf("%s: %w", method, r.Err)
		}
		if result != nil {
			return json.Unmarshal(r.Result, result)
		}
		return nil
	case <-time.After(2 * time.Minute):
		return fmt.Errorf("%s: no reply within 2 minutes", method)
	}
}

// on returns a channel that receives the next event named method.
func (p *Page) on(method string) chan json.RawMessage {
	ch := make(chan json.RawMessage, 1)
	p.mu.Lock()
	p.events[method] = append(p.events[method], ch)
	p.mu.Unlock()
	return ch
}

// Load navigates to url and waits for its load event.
func (p *Page) Load(url string) error {
	loaded := p.on("Page.loadEventFired")
	var nav struct {
		ErrorText string `json:"errorText"`
	}
	if err := p.Call("Page.navigate", map[string]any{"url": url}, &nav); err != nil {
		return err
	}
	if nav.ErrorText != "" {
		return fmt.Errorf("navigate %s: %s", url, nav.ErrorText)
	}
	select {
	case <-loaded:
		return nil
	case <-time.After(2 * time.Minute):
		return fmt.Errorf("%s did not load within 2 minutes", url)
	}
}

// Eval evaluates a JavaScript expression (awaiting a promise) and decodes
// its value into result (may be nil).
func (p *Page) Eval(expr string, result any) error {
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	err := p.Call("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &r)
	if err != nil {
		return err
	}
	if r.ExceptionDetails != nil {
		return fmt.Errorf("script: %s %s", r.ExceptionDetails.Text, r.ExceptionDetails.Exception.Description)
	}
	if result != nil && len(r.Result.Value) > 0 {
		return json.Unmarshal(r.Result.Value, result)
	}
	return nil
}

// Requests returns the URLs the page has requested so far.
func (p *Page) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.requests...)
}

// Errors returns the console errors and uncaught exceptions so far.
func (p *Page) Errors() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.errors...)
}

// Close closes the tab's connection.
func (p *Page) Close() error {
	err := p.ws.Close()
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}
