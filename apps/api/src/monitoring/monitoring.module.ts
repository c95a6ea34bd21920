import { Module } from '@nestjs/common';
import { AlarmRuleStore } from '@pitrix/cluster-store';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE } from '../clients/tokens.js';
import { ClusterAccess } from '../cluster/cluster-access.js';
import { clusterStoreProviders } from '../cluster/cluster-stores.provider.js';
import { ClusterMonitorResolver, NodeMonitorResolver } from './cluster-monitor.resolver.js';
import { ClusterMonitorService } from './cluster-monitor.service.js';

/** Monitor series of clusters and nodes, and the clusters' alarm rules. */
@Module({
  providers: [
    ...clusterStoreProviders,
    { provide: AlarmRuleStore, inject: [DATA_SOURCE], useFactory: (ds: DataSource) => new AlarmRuleStore(ds) },
    ClusterAccess,
    ClusterMonitorService,
    ClusterMonitorResolver,
    NodeMonitorResolver,
  ],
})
export class MonitoringModule {}
