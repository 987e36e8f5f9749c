package web

// Route is the test view of a registered route.
type Route = route

// Routes lists the registered routes for tests.
func (s *Server) Routes() []Route { return s.routes() }
