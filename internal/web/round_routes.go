package web

// routesRounds are the routes of 联系学校 rounds and 蹲点视导 (issue #6).
func (s *Server) routesRounds() []route {
	return []route{}
}
