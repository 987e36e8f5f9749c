package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"jiaoyan/internal/app"
)

// maxInputBytes bounds a problem file; a city's largest round is far smaller.
const maxInputBytes = 64 << 20

// decodeJSON reads one JSON document into v, refusing unknown fields, trailing
// data and oversized input, with the error in Chinese.
func decodeJSON(r io.Reader, v any) error {
	data, err := io.ReadAll(io.LimitReader(r, maxInputBytes+1))
	if err != nil {
		return app.Errorf(app.EINVALID, "读取输入失败：%v", err)
	}
	if len(data) > maxInputBytes {
		return app.Errorf(app.ETOOLARGE, "输入文件超过%dMB", maxInputBytes>>20)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(data, err)
	}
	if dec.More() {
		return app.Errorf(app.EINVALID, "JSON 文件在第%d行之后还有多余内容", lineOf(data, dec.InputOffset()))
	}
	return nil
}

func jsonError(data []byte, err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return app.Errorf(app.EINVALID, "输入为空，不是 JSON 文件")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return app.Errorf(app.EINVALID, "JSON 文件不完整，可能被截断")
	case errors.As(err, &syntax):
		return app.Errorf(app.EINVALID, "JSON 格式错误（第%d行）：%v", lineOf(data, syntax.Offset), syntax)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return app.Errorf(app.EINVALID, "无法识别的字段 %s，请检查拼写（字段名见 docs/plan.md）", strings.TrimPrefix(err.Error(), "json: unknown field "))
	case errors.As(err, &typ):
		return &app.Error{Code: app.EINVALID, Field: typ.Field,
			Message: fmt.Sprintf("字段 %s 的类型不对（第%d行）：应为%s，实际是%s", typ.Field, lineOf(data, typ.Offset), goTypeName(typ.Type.Kind().String()), typ.Value)}
	}
	return app.Errorf(app.EINVALID, "JSON 内容无法读取：%v", err)
}

func goTypeName(kind string) string {
	switch kind {
	case "int", "int64", "float64":
		return "数字"
	case "string":
		return "文字"
	case "bool":
		return "true 或 false"
	case "slice":
		return "列表"
	case "struct", "ptr":
		return "对象"
	}
	return kind
}

func lineOf(data []byte, offset int64) int {
	offset = min(max(offset, 0), int64(len(data)))
	return 1 + bytes.Count(data[:offset], []byte("\n"))
}

func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
