package dict

import (
	"embed"
	"encoding/csv"
	"fmt"
	"strings"
	"sync"
)

//go:embed data/*.csv
var dataFS embed.FS

// table is a loaded table with its lookup index.
type table struct {
	info    TableInfo
	entries []Entry
	byCode  map[string]int   // folded code → entry index
	byName  map[string][]int // folded name → entry indexes
	byAlias map[string][]int // folded alias → entry indexes
	width   int              // code width when all codes are digits of one width, else 0
}

// loaded holds every table, parsed once on first use. The data is embedded
// and checked by the tests, so a parse failure is a build defect: it panics.
var loaded = sync.OnceValue(func() map[string]*table {
	out := map[string]*table{}
	for _, d := range tableDefs {
		t, err := loadTable(d.TableInfo, d.file)
		if err != nil {
			panic(fmt.Sprintf("dict: %s: %v", d.file, err))
		}
		out[d.Name] = t
	}
	return out
})

// loadTable parses one CSV file with the header code,name,aliases,parent[,stages];
// list fields are separated by "|".
func loadTable(info TableInfo, file string) (*table, error) {
	f, err := dataFS.Open("data/" + file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	t := &table{info: info, byCode: map[string]int{}, byName: map[string][]int{}, byAlias: map[string][]int{}}
	for i, rec := range recs[1:] {
		if len(rec) < 3 {
			return nil, fmt.Errorf("line %d: want at least code,name,parent", i+2)
		}
		t.add(entryOf(rec, i+1))
	}
	t.info.Count = len(t.entries)
	t.width = codeWidth(t.entries)
	return t, nil
}

// entryOf reads a record of either code,name,aliases,parent,stages or, for
// regions, code,name,parent.
func entryOf(rec []string, sort int) Entry {
	if len(rec) == 3 {
		return Entry{Code: rec[0], Name: rec[1], Parent: rec[2], Sort: sort}
	}
	e := Entry{Code: rec[0], Name: rec[1], Aliases: split(rec[2]), Parent: rec[3], Sort: sort}
	if len(rec) > 4 {
		e.Stages = split(rec[4])
	}
	return e
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

func (t *table) add(e Entry) {
	i := len(t.entries)
	t.entries = append(t.entries, e)
	t.byCode[fold(e.Code)] = i
	t.byName[fold(e.Name)] = append(t.byName[fold(e.Name)], i)
	for _, a := range e.Aliases {
		t.byAlias[fold(a)] = append(t.byAlias[fold(a)], i)
	}
}

// codeWidth returns the common width of all-digit codes, or 0.
func codeWidth(es []Entry) int {
	w := 0
	for _, e := range es {
		if !digits(e.Code) || (w != 0 && len(e.Code) != w) {
			return 0
		}
		w = len(e.Code)
	}
	return w
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
