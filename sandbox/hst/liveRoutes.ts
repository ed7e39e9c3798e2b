import { HstLivePath } from '../../nodes/shared/hst/recording';
import { ownedApp, type BusinessCall } from './businessRoutes';
import { TopLevelAnswer } from './topLevel';
import { optionalChoice, optionalInteger, refused, requiredString } from './validate';

/**
 * The live streaming API (docs/vendors/hst.md#live-streaming): a group must already broadcast before
 * its stream starts, one stream per group; answers put their fields next to `code`.
 */

function start(call: BusinessCall) {
	const app = ownedApp(call, requiredString(call.body, 'app_id'));
	const groupId = requiredString(call.body, 'group_id');
	const settings = {
		width: optionalInteger(call.body, 'width', { min: 1, max: 1920 }),
		height: optionalInteger(call.body, 'height', { min: 1, max: 1080 }),
		crop_mode: optionalChoice(call.body, 'crop_mode', [1, 2, 3]),
		frame_rate: optionalInteger(call.body, 'frame_rate', { min: 1, max: 30 }),
		quality_level: optionalChoice(call.body, 'quality_level', [1, 2, 3]),
	};
	if (!call.world.rooms.isBroadcasting(app.appId, groupId))
		throw refused(`nobody in group ${groupId} broadcasts audio, video or a screen`);
	if (call.world.liveStreams.get(app.appId, groupId))
		throw refused(`group ${groupId} is already live`);
	const host = new URL(call.baseUrl).host;
	const stream = call.world.liveStreams.start(app.appId, groupId, host, call.now, settings);
	return new TopLevelAnswer({
		msg: 'success',
		group_id: groupId,
		flv_url: stream.flv_url,
		m3u8_url: stream.m3u8_url,
		rtmp_url: stream.rtmp_url,
	});
}

function stop(call: BusinessCall) {
	const app = ownedApp(call, requiredString(call.body, 'app_id'));
	const groupId = requiredString(call.body, 'group_id');
	if (!call.world.liveStreams.stop(app.appId, groupId))
		throw refused(`group ${groupId} is not live`);
	return new TopLevelAnswer({ msg: 'stop live success', group_id: groupId });
}

function list(call: BusinessCall) {
	const app = ownedApp(call, requiredString(call.query, 'app_id'));
	return new TopLevelAnswer({
		id: 9475,
		msg: 'success',
		list: call.world.liveStreams.of(app.appId).map((stream) => ({
			group_id: stream.groupId,
			flv_url: stream.flv_url,
			m3u8_url: stream.m3u8_url,
			rtmp_url: stream.rtmp_url,
			start_time: Math.floor(stream.startedAt / 1000),
		})),
	});
}

export const liveRoutes: Record<string, (call: BusinessCall) => unknown> = {
	[`POST ${HstLivePath.START}`]: start,
	[`POST ${HstLivePath.STOP}`]: stop,
	[`GET ${HstLivePath.LIST}`]: list,
};
