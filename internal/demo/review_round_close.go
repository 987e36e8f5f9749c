package demo

import "context"

// publishPhase takes a 比拼 phase aggregated on day (days from today) on
// to its 公示, from two days later for a week, and to its final list the
// day after the 公示 ends, through the review service as the bureau.
func (d *reviewDemo) publishPhase(ctx context.Context, id int64, day int) error {
	if err := d.at(day+2).StartPublicity(ctx, d.mgr, id, d.date(day+2), d.date(day+8)); err != nil {
		return err
	}
	_, err := d.at(day+9).Finalize(ctx, d.mgr, id)
	return err
}
