package gen_test

import (
	"context"
	"fmt"
	"slices"

	"chanlab/patterns/gen"
)

func ExampleRun() {
	res, err := gen.Run(context.Background(), gen.Config{Items: 5, Source: 1000, Keep: gen.Odd, Consumer: gen.Pull}, nil)
	fmt.Println("error:", err)
	fmt.Println("values:", res.Values)
	fmt.Printf("averages: %.1f\n", res.Averages)
	fmt.Println("produced:", res.Produced, "of 1000")
	fmt.Println("states:", res.States[:4], "…", res.States[len(res.States)-1])
	fmt.Println("cleanup ran:", res.Cleanup)
	// Output:
	// error: <nil>
	// values: [1 9 25 49 81]
	// averages: [1.0 5.0 11.7 21.0 33.0]
	// produced: 10 of 1000
	// states: [created running suspended running] … closed
	// cleanup ran: true
}

// A generator expression is a composition of small lazy functions.
func ExampleFilter() {
	nums := slices.Values([]int{1, 2, 3, 4, 5, 6, 7})
	odd := func(x int) bool { return x%2 != 0 }
	square := func(x int) int { return x * x }
	// (x*x for x in nums if x % 2)
	for v := range gen.Take(gen.Map(gen.Filter(nums, odd), square), 3) {
		fmt.Println(v)
	}
	// Output:
	// 1
	// 9
	// 25
}

// Python's averager coroutine, driven with send, is a struct with a method.
func ExampleAverager() {
	var avg gen.Averager
	for _, x := range []float64{10, 30, 5} {
		fmt.Println(avg.Add(x))
	}
	// Output:
	// 10
	// 20
	// 15
}
