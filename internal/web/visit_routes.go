package web

// routesVisits are the routes of 教研员队伍 and 到校记录 (issue #6).
func (s *Server) routesVisits() []route {
	return []route{}
}
