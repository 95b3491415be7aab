package api

import (
	"context"
	"slices"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"

	"wfm"
	"wfm/store"
)

// principalKey is where authenticate leaves the caller's token in the request context.
const principalKey = "principal"

// authenticate checks the bearer token (R20): a missing or unknown token is 401, a role not in
// roles is 403. An agent token bound to a centre reaches only that centre.
//
// A request the console makes in the same process (WithPrincipal) carries its caller's token in
// its context instead, and is held to the same roles and centre.
func (s *Server) authenticate(roles []string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if tok, ok := c.Request.Context().Value(principalCtx{}).(store.Token); ok {
			s.admit(c, tok, roles)
			return
		}
		secret, ok := bearer(c.GetHeader("Authorization"))
		if !ok {
			s.fail(c, &wfm.Error{Kind: wfm.KindUnauthorized, Message: `a bearer token is required: "Authorization: Bearer <token>"`})
			return
		}
		tok, err := s.store.TokenBySecret(c.Request.Context(), secret)
		if wfm.ErrorKind(err) == wfm.KindNotFound {
			s.fail(c, &wfm.Error{Kind: wfm.KindUnauthorized, Message: "unknown token"})
			return
		}
		if err != nil { // the database, not the caller: 500, not 401
			s.fail(c, err)
			return
		}
		s.admit(c, tok, roles)
	}
}

// admit lets the caller of token tok through when its role is one of roles and, for a token bound
// to a centre, the path names that centre (403 otherwise).
func (s *Server) admit(c *gin.Context, tok store.Token, roles []string) {
	if !slices.Contains(roles, tok.Role) {
		s.fail(c, forbidden("this needs the role "+strings.Join(roles, " or ")))
		return
	}
	if centre := c.Param("centre"); centre != "" && tok.CentreID != "" && tok.CentreID != centre {
		s.fail(c, forbidden("this token belongs to another centre"))
		return
	}
	c.Set(principalKey, tok)
	c.Next()
}

// principalCtx is the context key of WithPrincipal.
type principalCtx struct{}

// WithPrincipal returns ctx carrying the caller's token, for a request the console hands to the
// API in the same process: the console has authenticated the caller (its session), and the API
// applies the token's role and centre exactly as for a bearer token. A context value cannot come
// from the network, so no client can set it.
func WithPrincipal(ctx context.Context, tok store.Token) context.Context {
	return context.WithValue(ctx, principalCtx{}, tok)
}

// bearer returns the secret of an Authorization header of the form "Bearer <secret>": the scheme
// case-insensitive (RFC 7235), then exactly one space, then a secret without whitespace. Anything
// else (two spaces, a tab, a secret with spaces in it) is no bearer token: a credential is taken
// as sent or not at all, never trimmed into shape.
func bearer(header string) (string, bool) {
	scheme, secret, ok := strings.Cut(header, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || secret == "" || strings.ContainsFunc(secret, unicode.IsSpace) {
		return "", false
	}
	return secret, true
}

// who returns the caller's token.
func who(c *gin.Context) store.Token {
	v, _ := c.Get(principalKey)
	t, _ := v.(store.Token)
	return t
}

// actor names the caller in the audit trail.
func actor(c *gin.Context) string { return Actor(who(c)) }

// Actor names the holder of token t in the audit trail: "agent:<id>" or "planner:<name>".
func Actor(t store.Token) string {
	if t.Role == store.RoleAgent {
		return "agent:" + t.AgentID
	}
	if t.Name != "" {
		return "planner:" + t.Name
	}
	return "planner:" + t.ID
}

// isAgent reports whether the caller acts as an agent (sees only its own data).
func isAgent(c *gin.Context) bool { return who(c).Role == store.RoleAgent }

// ownOnly refuses an agent acting for another agent.
func ownOnly(c *gin.Context, agent string) error {
	if t := who(c); t.Role == store.RoleAgent && t.AgentID != agent {
		return forbidden("an agent may act only for itself")
	}
	return nil
}
