package audit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// ParseCheckpoints reads checkpoint lines from b (a checkpoint file or a log
// stream); lines without LogKey are skipped, a marked line that does not
// parse is an error naming name and the line.
func ParseCheckpoints(b []byte, name string) ([]Checkpoint, error) {
	var out []Checkpoint
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if !strings.Contains(line, LogKey) {
			continue
		}
		cp, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("审计检查点文件 %s 第 %d 行无法识别: %v", name, n, err)
		}
		out = append(out, cp)
	}
	return out, sc.Err()
}

// parseLine reads one JSON line, or one slog text line of key=value pairs.
func parseLine(line string) (Checkpoint, error) {
	var cp Checkpoint
	if strings.HasPrefix(line, "{") {
		err := json.Unmarshal([]byte(line), &cp)
		return cp, err
	}
	var err error
	for _, f := range strings.Fields(line) {
		k, v, _ := strings.Cut(f, "=")
		switch k {
		case "seq":
			cp.Seq, err = strconv.ParseInt(v, 10, 64)
		case "at":
			cp.At, err = strconv.ParseInt(v, 10, 64)
		case "hash":
			cp.Hash = v
		case "mac":
			cp.MAC = v
		}
		if err != nil {
			return cp, err
		}
	}
	if cp.MAC == "" {
		return cp, fmt.Errorf("缺少签名")
	}
	return cp, nil
}
