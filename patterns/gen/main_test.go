package gen

import (
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	// On js/wasm the runtime's event handler goroutine is always there.
	// iter.Pull's coroutine would show up here if a stop were forgotten.
	goleak.VerifyTestMain(m, goleak.IgnoreAnyFunction("runtime.handleEvent"))
}
