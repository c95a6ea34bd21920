import { clusterRoute, clustersRoute, jobRoute } from './cluster-route.js';

export const clusterRoutes = [clustersRoute, clusterRoute, jobRoute];
