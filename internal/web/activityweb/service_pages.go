package activityweb

import (
	"fmt"
	"net/http"
	"strconv"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/web"
)

// serviceList is the 送教助研 menu open to the user.
func (s *module) serviceList(w http.ResponseWriter, r *http.Request) {
	off, pg := web.PageOf(r)
	list, n, err := s.Activity.FindServiceItemPage(r.Context(), web.ActorOf(r), activity.ListPage{Limit: web.PageSize, Offset: off})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "service_list", web.PageData("送教助研", pagedList[activity.ServiceItem]{List: list, Pager: web.NewPager(r.URL.Query(), pg, n)}))
}

func (s *module) serviceFormPage(w http.ResponseWriter, r *http.Request, it activity.ServiceItem, err error) {
	p := web.Page{Title: "发布送教项目", Crumbs: []web.Crumb{{Name: "送教助研", URL: "/services"}, {Name: "发布送教项目"}}, Data: it}
	if err != nil {
		web.FormError(w, r, "service_form", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "service_form", p)
}

func (s *module) serviceNew(w http.ResponseWriter, r *http.Request) {
	s.serviceFormPage(w, r, activity.ServiceItem{}, nil)
}

func (s *module) serviceCreate(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	it := activity.ServiceItem{Name: web.FormStr(r, "name"), Subject: web.FormStr(r, "subject"), Description: web.FormStr(r, "description")}
	id, err := s.Activity.CreateServiceItem(r.Context(), web.ActorOf(r), it, web.FormIDs(r, "providers"))
	if err != nil {
		s.serviceFormPage(w, r, it, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/services/%d?saved=1", id))
}

type serviceData struct {
	Item  activity.ServiceItem
	Order activity.ServiceOrder // the order form, kept on an error
}

func (s *module) servicePage(w http.ResponseWriter, r *http.Request, order activity.ServiceOrder, err error) {
	it, _, e := web.ByID(r, s.Activity.FindServiceItemByID)
	if e != nil {
		web.Fail(w, r, e)
		return
	}
	p := web.Page{Title: it.Name, Crumbs: []web.Crumb{{Name: "送教助研", URL: "/services"}, {Name: it.Name}}, Data: serviceData{Item: it, Order: order}}
	if err != nil {
		web.FormError(w, r, "service_detail", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "service_detail", p)
}

func (s *module) serviceDetail(w http.ResponseWriter, r *http.Request) {
	s.servicePage(w, r, activity.ServiceOrder{}, nil)
}

// serviceOrder places the school's order of the item in the path.
func (s *module) serviceOrder(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	o := activity.ServiceOrder{Need: web.FormStr(r, "need"), Preferred: web.FormStr(r, "preferred"), Audience: web.FormStr(r, "audience")}
	oid, err := s.Activity.PlaceOrder(r.Context(), web.ActorOf(r), id, o)
	if err != nil {
		s.servicePage(w, r, o, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/service-orders/%d?saved=1", oid))
}

type orderData struct {
	O           activity.ServiceOrder
	Suggestions []activity.Suggestion // the office's ranked providers
	SuggestErr  string                // why there are none (an unset rule)
	P           activity.ServicePlan  // the plan in the form
}

func (s *module) orderPage(w http.ResponseWriter, r *http.Request, pl activity.ServicePlan, err error) {
	o, _, e := web.ByID(r, s.Activity.FindOrderByID)
	if e != nil {
		web.Fail(w, r, e)
		return
	}
	d := orderData{O: o, P: pl}
	if d.P.Body == "" && len(o.Plans) > 0 {
		d.P = o.Plans[0]
		d.P.Reason = ""
	}
	if o.MySide == activity.SideOffice && o.State == activity.OrderOrdered {
		if d.Suggestions, e = s.Activity.SuggestProviders(r.Context(), web.ActorOf(r), o.ID); app.ErrorCode(e) == app.EINVALID {
			d.SuggestErr, e = app.ErrorMessage(e), nil
		}
		if e != nil {
			web.Fail(w, r, e)
			return
		}
	}
	p := web.Page{Title: "送教订单：" + o.ItemName, Crumbs: []web.Crumb{{Name: "送教助研", URL: "/services"},
		{Name: o.ItemName, URL: fmt.Sprintf("/services/%d", o.ItemID)}, {Name: "订单"}}, Data: d}
	if err != nil {
		web.FormError(w, r, "service_order", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "service_order", p)
}

func (s *module) orderDetail(w http.ResponseWriter, r *http.Request) {
	s.orderPage(w, r, activity.ServicePlan{}, nil)
}

// orderStep runs one step of an order from its posted form and returns to
// the order, or shows the page with the error at its field.
func (s *module) orderStep(w http.ResponseWriter, r *http.Request, pl activity.ServicePlan, step func(id int64, version int) error) {
	id, err := web.PathID(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	if err := step(id, web.FormInt(r, "version")); err != nil {
		if code := app.ErrorCode(err); code == app.ENOTFOUND || code == app.EFORBIDDEN {
			web.Fail(w, r, err)
			return
		}
		s.orderPage(w, r, pl, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/service-orders/%d?saved=1", id))
}

// orderPlan proposes a version of the 活动方案 (office or school).
func (s *module) orderPlan(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	hours, _ := strconv.ParseFloat(web.FormStr(r, "hours"), 64)
	pl := activity.ServicePlan{Body: web.FormStr(r, "body"), StartsAt: localTime(web.FormStr(r, "starts_at")), EndsAt: localTime(web.FormStr(r, "ends_at")),
		Place: web.FormStr(r, "place"), Hours: hours, Days: web.FormInt(r, "days"), Reason: web.FormStr(r, "reason")}
	s.orderStep(w, r, pl, func(id int64, v int) error { return s.Activity.ProposePlan(r.Context(), web.ActorOf(r), id, v, pl) })
}

// orderConfirm is the actor's side agreeing the current plan.
func (s *module) orderConfirm(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	s.orderStep(w, r, activity.ServicePlan{}, func(id int64, v int) error { return s.Activity.ConfirmPlan(r.Context(), web.ActorOf(r), id, v) })
}

// orderReturn asks the other side for changes, with the reason.
func (s *module) orderReturn(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	s.orderStep(w, r, activity.ServicePlan{}, func(id int64, v int) error {
		return s.Activity.ReturnPlan(r.Context(), web.ActorOf(r), id, v, web.FormStr(r, "return_reason"))
	})
}

// orderDispatch sends the chosen provider with the agreed plan.
func (s *module) orderDispatch(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	s.orderStep(w, r, activity.ServicePlan{}, func(id int64, v int) error {
		_, err := s.Activity.Dispatch(r.Context(), web.ActorOf(r), id, v, web.FormInt64(r, "provider_id"))
		return err
	})
}

// orderFeedback saves the school's 满意度 and comments.
func (s *module) orderFeedback(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	if err != nil || !web.ParseForm(w, r) {
		if err != nil {
			web.Fail(w, r, err)
		}
		return
	}
	if err := s.Activity.Feedback(r.Context(), web.ActorOf(r), id, web.FormInt(r, "version"), web.FormInt(r, "satisfaction"), web.FormStr(r, "feedback")); err != nil {
		s.orderPage(w, r, activity.ServicePlan{}, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/service-orders/%d?saved=1", id))
}
