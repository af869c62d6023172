package wrap_test

import (
	"context"
	"errors"
	"fmt"

	"chanlab/patterns/wrap"
)

func ExampleUsing() {
	err := wrap.Using(context.Background(),
		func(context.Context) (string, error) { fmt.Println("open"); return "conn", nil },
		func(c string) error { fmt.Println("close", c); return nil },
		func(_ context.Context, c string) error { fmt.Println("use", c); return errors.New("failed") })
	fmt.Println(err)
	// Output:
	// open
	// use conn
	// close conn
	// failed
}
