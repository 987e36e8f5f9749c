package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeBlock is one ```bash block of README.md: its jiaoyan command lines
// and the variables it exports.
type readmeBlock struct {
	line     int
	commands [][]string
	exports  map[string]string
}

// TestReadmeCommandsRunAsWritten runs every `./jiaoyan …` line of the README's
// shell blocks, in order, in an empty folder, exactly as a newcomer types
// them. `serve` is checked up to the point where it would listen (its flags
// and database), since a test must not hold the README's port. A block that
// exports a PostgreSQL JIAOYAN_DB runs against JIAOYAN_TEST_PG when that is
// set and is skipped otherwise.
func TestReadmeCommandsRunAsWritten(t *testing.T) {
	blocks := readmeBlocks(t)
	t.Chdir(t.TempDir())
	t.Setenv("JIAOYAN_ARGON2_MEMORY_KIB", "8192") // speed only: hashing cost is not what is tested
	t.Setenv("JIAOYAN_ARGON2_TIME", "1")
	ran := 0
	for _, b := range blocks {
		if !applyExports(t, b) {
			continue
		}
		for _, args := range b.commands {
			ran++
			runReadmeCommand(t, b.line, args)
		}
	}
	if ran < 4 {
		t.Fatalf("only %d README commands found: the parser no longer sees the quick start", ran)
	}
}

func runReadmeCommand(t *testing.T, line int, args []string) {
	t.Helper()
	ctx := context.Background()
	var out bytes.Buffer
	var err error
	if args[0] == "serve" {
		_, err = parse("serve", args[1:], nil)
	} else {
		err = run(ctx, args, &out, &out)
	}
	if err != nil {
		t.Fatalf("README.md line %d: ./jiaoyan %s\n failed: %v\n%s", line, strings.Join(args, " "), err, out.String())
	}
}

// applyExports sets the block's exported variables; it reports false when
// the block needs a PostgreSQL server this run does not have.
func applyExports(t *testing.T, b readmeBlock) bool {
	for k, v := range b.exports {
		if k == "JIAOYAN_DB" && strings.HasPrefix(v, "postgres") {
			pg := os.Getenv("JIAOYAN_TEST_PG")
			if pg == "" {
				t.Logf("README.md line %d: PostgreSQL block skipped (JIAOYAN_TEST_PG not set)", b.line)
				return false
			}
			v = pg
		}
		t.Setenv(k, v)
	}
	return true
}

var exportRE = regexp.MustCompile(`^export (JIAOYAN_[A-Z_]+)=(.*)$`)

// readmeBlocks parses README.md's ```bash blocks.
func readmeBlocks(t *testing.T) []readmeBlock {
	f, err := os.Open(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []readmeBlock
	var cur *readmeBlock
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "```bash":
			cur = &readmeBlock{line: n, exports: map[string]string{}}
		case line == "```" && cur != nil:
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			addReadmeLine(t, cur, line)
		}
	}
	return out
}

func addReadmeLine(t *testing.T, b *readmeBlock, line string) {
	words := shellWords(line)
	if len(words) == 0 {
		return
	}
	if m := exportRE.FindStringSubmatch(strings.Join(words, " ")); m != nil {
		if strings.Contains(m[2], "$(") { // a generated key: make one
			m[2] = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
		}
		b.exports[m[1]] = m[2]
		return
	}
	if words[0] == "./jiaoyan" && len(words) > 1 {
		b.commands = append(b.commands, words[1:])
	}
}

// shellWords splits a shell line the way bash would for the README's simple
// commands: single and double quotes, and a # comment outside quotes.
func shellWords(line string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == '#' && !inWord:
			return words
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

var mdLinkRE = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// TestReadmeLinksStayInTheRepository fails on a README link or picture that
// points outside the repository or to a file that does not exist.
func TestReadmeLinksStayInTheRepository(t *testing.T) {
	root := filepath.Join("..", "..")
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mdLinkRE.FindAllStringSubmatch(string(b), -1) {
		target, _, _ := strings.Cut(m[1], "#")
		if target == "" {
			continue
		}
		if strings.Contains(target, "://") || strings.HasPrefix(target, "..") || strings.HasPrefix(target, "/") {
			t.Errorf("README link %q points outside the repository", m[1])
			continue
		}
		if _, err := os.Stat(filepath.Join(root, target)); err != nil {
			t.Errorf("README link %q: %v", m[1], err)
		}
	}
}

func TestShellWords(t *testing.T) {
	got := shellWords(`./jiaoyan admin create --password 'Jy#Start 2026' --x "a b" # comment`)
	want := []string{"./jiaoyan", "admin", "create", "--password", "Jy#Start 2026", "--x", "a b"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("shellWords = %q, want %q", got, want)
	}
}
