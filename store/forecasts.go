package store

import (
	"context"
	"time"
)

// Forecast is a stored forecast with its staffing: the request that made it (Params) and the
// result (Data), both JSON documents of the API.
type Forecast struct {
	ID        string    `json:"id"`
	CentreID  string    `json:"centre_id"`
	CreatedAt time.Time `json:"created_at"`
	CreatedBy string    `json:"created_by"`
	Params    string    `json:"-"`
	Data      string    `json:"-"`
}

type forecastRow struct {
	ID        string `db:"id"`
	CentreID  string `db:"centre_id"`
	CreatedAt string `db:"created_at"`
	CreatedBy string `db:"created_by"`
	Params    string `db:"params"`
	Data      string `db:"data"`
}

// SaveForecast stores a forecast under a new id.
func (q *Queries) SaveForecast(ctx context.Context, f *Forecast) error {
	f.ID = NewID()
	return q.SaveForecastWithID(ctx, f)
}

// SaveForecastWithID stores a forecast under the id it carries (a document that names its own id).
func (q *Queries) SaveForecastWithID(ctx context.Context, f *Forecast) error {
	f.CreatedAt = time.Now().UTC()
	_, err := q.exec(ctx, `INSERT INTO forecasts (id, centre_id, created_at, created_by, params, data) VALUES (?, ?, ?, ?, ?, ?)`,
		f.ID, f.CentreID, stamp(f.CreatedAt), f.CreatedBy, f.Params, f.Data)
	return mapErr(err, "forecast", f.ID)
}

// Forecast returns one forecast of a centre.
func (q *Queries) Forecast(ctx context.Context, centre, id string) (Forecast, error) {
	var r forecastRow
	if err := q.get(ctx, &r, `SELECT * FROM forecasts WHERE centre_id = ? AND id = ?`, centre, id); err != nil {
		return Forecast{}, mapErr(err, "forecast", id)
	}
	return Forecast{ID: r.ID, CentreID: r.CentreID, CreatedAt: parseStamp(r.CreatedAt), CreatedBy: r.CreatedBy,
		Params: r.Params, Data: r.Data}, nil
}
