// Command gen writes a synthetic exam: go run ./internal/quality/analysis/gen/cmd -size city-100k -seed 1 -dir DIR
package main

import (
	"flag"
	"fmt"
	"os"

	"jiaoyan/internal/quality/analysis/gen"
)

func main() {
	size := flag.String("size", "small", "small, city-100k or city-500k")
	seed := flag.Uint64("seed", 1, "random seed")
	dir := flag.String("dir", ".", "output directory")
	flag.Parse()
	sz, ok := gen.Sizes[*size]
	if !ok {
		fmt.Fprintf(os.Stderr, "unknown size %q\n", *size)
		os.Exit(2)
	}
	f, err := gen.WriteFiles(*dir, sz, *seed)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(f.Items, f.Scores, f.Prior)
}
