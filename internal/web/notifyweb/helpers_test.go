package notifyweb_test

import (
	"jiaoyan/internal/org"
	"jiaoyan/internal/web/webtest"
)

func personAt(s *webtest.Site) org.Person { return org.Person{Name: "李鹿城", OrgID: s.SchoolA} }
