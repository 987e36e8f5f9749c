package web

import (
	"fmt"
	"html/template"
	"text/template/parse"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
)

// checkKeys refuses a site whose routes, import kinds or templates name a
// permission that no module registered (auth.RegisterPerms): a typo in a
// key would otherwise compile and quietly hide a page or a button.
func (s *Server) checkKeys() error {
	for _, rt := range s.Routes() {
		if rt.Perm != "" && !auth.KnownPerm(rt.Perm) {
			return fmt.Errorf("web: route %s %s needs unknown permission %q", rt.Method, rt.Pattern, rt.Perm)
		}
	}
	for _, k := range s.imports {
		if !auth.KnownPerm(k.Perm) {
			return fmt.Errorf("web: import kind %q needs unknown permission %q", k.Key, k.Perm)
		}
	}
	for name, t := range s.pages {
		for _, p := range TemplatePerms(t) {
			if !auth.KnownPerm(p) {
				return fmt.Errorf("web: template %q checks unknown permission %q", name, p)
			}
		}
	}
	return nil
}

// TemplatePerms lists the permission literals t (with every template it
// defines) passes to a Can method or function: `.Actor.Can "org.edit"`.
func TemplatePerms(t *template.Template) []app.Perm {
	var out []app.Perm
	for _, d := range t.Templates() {
		out = append(out, TreePerms(d.Tree)...)
	}
	return out
}

// TreePerms is TemplatePerms of one parsed template tree.
func TreePerms(tr *parse.Tree) []app.Perm {
	if tr == nil || tr.Root == nil {
		return nil
	}
	return appendPerms(nil, tr.Root)
}

func appendPerms(out []app.Perm, n parse.Node) []app.Perm {
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			out = appendPerms(out, c)
		}
	case *parse.ActionNode:
		out = appendPerms(out, n.Pipe)
	case *parse.IfNode:
		out = appendBranch(out, &n.BranchNode)
	case *parse.RangeNode:
		out = appendBranch(out, &n.BranchNode)
	case *parse.WithNode:
		out = appendBranch(out, &n.BranchNode)
	case *parse.TemplateNode:
		out = appendPerms(out, n.Pipe)
	case *parse.PipeNode:
		if n == nil {
			return out
		}
		for _, c := range n.Cmds {
			out = appendCommand(out, c)
		}
	}
	return out
}

func appendBranch(out []app.Perm, b *parse.BranchNode) []app.Perm {
	out = appendPerms(out, b.Pipe)
	out = appendPerms(out, b.List)
	if b.ElseList != nil {
		out = appendPerms(out, b.ElseList)
	}
	return out
}

// appendCommand collects the string after a Can call, and walks nested
// pipelines such as `(and ($.Actor.Can "x") .IsSchool)`.
func appendCommand(out []app.Perm, c *parse.CommandNode) []app.Perm {
	for i, a := range c.Args {
		if p, ok := a.(*parse.PipeNode); ok {
			out = appendPerms(out, p)
		}
		if i+1 < len(c.Args) && isCan(a) {
			if s, ok := c.Args[i+1].(*parse.StringNode); ok {
				out = append(out, app.Perm(s.Text))
			}
		}
	}
	return out
}

func isCan(n parse.Node) bool {
	var ident []string
	switch n := n.(type) {
	case *parse.FieldNode:
		ident = n.Ident
	case *parse.ChainNode:
		ident = n.Field
	case *parse.VariableNode:
		ident = n.Ident
	case *parse.IdentifierNode:
		return n.Ident == "can" || n.Ident == "Can"
	}
	return len(ident) > 0 && ident[len(ident)-1] == "Can"
}
