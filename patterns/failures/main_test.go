package failures

import (
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	// On js/wasm the runtime's event handler goroutine is always there.
	goleak.VerifyTestMain(m, goleak.IgnoreAnyFunction("runtime.handleEvent"))
}
