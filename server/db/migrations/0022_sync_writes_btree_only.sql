-- Lists filter by service and network in the search index (server/search-index/), not in SQL:
-- no query reads these two GIN indexes any more, and every feed record paid for them on write.
DROP INDEX "organizations_services_idx";--> statement-breakpoint
DROP INDEX "organizations_networks_idx";