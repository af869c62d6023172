//go:build !(js && wasm)

package app

import (
	"context"
	"time"
)

// Natively there is no service worker: never a new version to offer.

func updateWaiting() bool { return false }

func checkForUpdates(ctx context.Context, every time.Duration) {}

func applyUpdate() {}
