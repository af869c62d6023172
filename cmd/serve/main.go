// Command serve is chanlab's one main, built twice: for js/wasm it is the
// browser app (web/app.wasm); natively it is the local server that serves
// that app. The server code is in //go:build !wasm files so that net/http's
// server is not linked into the wasm.
package main

import (
	"chanlab/app"

	goapp "github.com/maxence-charriere/go-app/v9/pkg/app"
)

func main() {
	app.Routes()
	goapp.RunWhenOnBrowser() // in the browser this never returns
	serve()
}
