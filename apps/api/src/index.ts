export { apiUrl, startApi } from './bootstrap.js';
