-- The demo data folder's database as made by release 0.1.0 (commit 728a7fa, schema 4,
-- the code before history spans): `main.py --data-dir DIR --demo roster export x.xlsx`
-- run from that commit on 2026-12-06, dumped with sqlite3's iterdump; the two PRAGMAs at
-- the end, which iterdump leaves out, were copied from the file. Invented people only.
-- tests/unit/test_release_database.py turns it back into a data folder and upgrades it.
BEGIN TRANSACTION;
CREATE TABLE "agenda_item" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "meeting_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "discussion" TEXT NOT NULL,
    FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE
);
INSERT INTO "agenda_item" VALUES(3,2,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(4,3,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(5,4,0,'研究党费收缴情况','');
INSERT INTO "agenda_item" VALUES(6,4,1,'研究发展党员工作','');
INSERT INTO "agenda_item" VALUES(7,5,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(8,6,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(9,7,0,'研究本月党建工作安排','');
INSERT INTO "agenda_item" VALUES(10,7,1,'研究确定本月主题党日活动方案','');
INSERT INTO "agenda_item" VALUES(11,8,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(12,9,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(13,10,0,'传达学习上级会议精神','');
INSERT INTO "agenda_item" VALUES(14,10,1,'通报本季度党建工作','');
INSERT INTO "agenda_item" VALUES(15,12,0,'分析研判本月意识形态工作情况','');
INSERT INTO "agenda_item" VALUES(16,12,1,'研究“党员先行·关爱学生”结对帮扶工作','');
INSERT INTO "agenda_item" VALUES(17,13,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(18,14,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(19,15,0,'研究党费收缴情况','');
INSERT INTO "agenda_item" VALUES(20,15,1,'研究发展党员工作','');
INSERT INTO "agenda_item" VALUES(21,16,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(22,17,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(23,18,0,'研究本月党建工作安排','');
INSERT INTO "agenda_item" VALUES(24,18,1,'研究确定本月主题党日活动方案','');
INSERT INTO "agenda_item" VALUES(25,19,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(26,20,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(27,21,0,'传达学习上级会议精神','');
INSERT INTO "agenda_item" VALUES(28,21,1,'通报本季度党建工作','');
INSERT INTO "agenda_item" VALUES(29,23,0,'分析研判本月意识形态工作情况','');
INSERT INTO "agenda_item" VALUES(30,23,1,'研究“党员先行·关爱学生”结对帮扶工作','');
INSERT INTO "agenda_item" VALUES(31,24,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(32,25,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(33,26,0,'研究党费收缴情况','');
INSERT INTO "agenda_item" VALUES(34,26,1,'研究发展党员工作','');
INSERT INTO "agenda_item" VALUES(35,27,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(36,28,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(37,29,0,'研究本月党建工作安排','');
INSERT INTO "agenda_item" VALUES(38,29,1,'研究确定本月主题党日活动方案','');
INSERT INTO "agenda_item" VALUES(39,30,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(40,31,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(41,32,0,'传达学习上级会议精神','');
INSERT INTO "agenda_item" VALUES(42,32,1,'通报本季度党建工作','');
INSERT INTO "agenda_item" VALUES(43,34,0,'分析研判本月意识形态工作情况','');
INSERT INTO "agenda_item" VALUES(44,34,1,'研究“党员先行·关爱学生”结对帮扶工作','');
INSERT INTO "agenda_item" VALUES(45,35,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(46,36,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(47,37,0,'研究党费收缴情况','');
INSERT INTO "agenda_item" VALUES(48,37,1,'研究发展党员工作','');
INSERT INTO "agenda_item" VALUES(49,38,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(50,39,0,'学习上级文件精神，交流学习体会','');
INSERT INTO "agenda_item" VALUES(51,40,0,'研究本月党建工作安排','');
INSERT INTO "agenda_item" VALUES(52,40,1,'研究确定本月主题党日活动方案','');
INSERT INTO "agenda_item" VALUES(53,1,0,'分析研判本月意识形态工作情况','');
INSERT INTO "agenda_item" VALUES(54,1,1,'研究“党员先行·关爱学生”结对帮扶工作','');
INSERT INTO "agenda_item" VALUES(55,41,0,'研究年终党建工作总结','');
CREATE TABLE "amendment" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "record_type" VARCHAR(20) NOT NULL,
    "record_id" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "made_at" DATETIME NOT NULL,
    "before" TEXT NOT NULL,
    "after" TEXT NOT NULL
);
INSERT INTO "amendment" VALUES(1,'meeting',1,'会议地点记录有误','2026-12-06 13:03:20','{"agenda": [{"discussion": "", "speeches": [{"content": "提出工作安排，请各位委员发表意见。", "speaker_id": 4, "speaker_name": ""}], "title": "分析研判本月意识形态工作情况"}, {"discussion": "", "speeches": [{"content": "提出工作安排，请各位委员发表意见。", "speaker_id": 4, "speaker_name": ""}], "title": "研究“党员先行·关爱学生”结对帮扶工作"}], "attachments": [], "attendance": [{"has_vote": true, "member_id": 4, "name": "曾丽佳", "presence": "present", "reason": "", "role": "expected"}, {"has_vote": true, "member_id": 16, "name": "戴林春", "presence": "on_leave", "reason": "事假", "role": "expected"}, {"has_vote": true, "member_id": 8, "name": "周婷国", "presence": "present", "reason": "", "role": "expected"}, {"has_vote": true, "member_id": 15, "name": "陈桂", "presence": "present", "reason": "", "role": "expected"}], "chair_id": 4, "duration_minutes": null, "ends_at": "17:10", "held_on": "2026-01-05", "kind": "committee", "lecturer_id": null, "lecturer_name": "", "open_items": "", "party_group_id": null, "place": "学校会议室", "recorder_id": 15, "resolutions": [{"agenda_index": 1, "text": "同意“党员先行·关爱学生”结对帮扶工作", "votes_abstain": 0, "votes_against": 0, "votes_for": 3}], "starts_at": "16:00", "summary": "", "tags": ["意识形态专题研究"], "title": ""}','{"agenda": [{"discussion": "", "speeches": [{"content": "提出工作安排，请各位委员发表意见。", "speaker_id": 4, "speaker_name": ""}], "title": "分析研判本月意识形态工作情况"}, {"discussion": "", "speeches": [{"content": "提出工作安排，请各位委员发表意见。", "speaker_id": 4, "speaker_name": ""}], "title": "研究“党员先行·关爱学生”结对帮扶工作"}], "attachments": [], "attendance": [{"has_vote": true, "member_id": 4, "name": "曾丽佳", "presence": "present", "reason": "", "role": "expected"}, {"has_vote": true, "member_id": 16, "name": "戴林春", "presence": "on_leave", "reason": "事假", "role": "expected"}, {"has_vote": true, "member_id": 8, "name": "周婷国", "presence": "present", "reason": "", "role": "expected"}, {"has_vote": true, "member_id": 15, "name": "陈桂", "presence": "present", "reason": "", "role": "expected"}], "chair_id": 4, "duration_minutes": null, "ends_at": "17:10", "held_on": "2026-01-05", "kind": "committee", "lecturer_id": null, "lecturer_name": "", "open_items": "", "party_group_id": null, "place": "党员活动室", "recorder_id": 15, "resolutions": [{"agenda_index": 1, "text": "同意“党员先行·关爱学生”结对帮扶工作", "votes_abstain": 0, "votes_against": 0, "votes_for": 3}], "starts_at": "16:00", "summary": "", "tags": ["意识形态专题研究"], "title": ""}');
CREATE TABLE "attachment" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "sha256" VARCHAR(64) NOT NULL,
    "size" INTEGER NOT NULL,
    "file_name" VARCHAR(255) NOT NULL,
    "media_type" VARCHAR(100) NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "caption" VARCHAR(200) NOT NULL,
    "meeting_id" INTEGER,
    "theme_day_id" INTEGER,
    "heart_talk_id" INTEGER,
    "added_at" DATETIME NOT NULL,
    FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("theme_day_id") REFERENCES "theme_day" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("heart_talk_id") REFERENCES "heart_talk" ("id") ON DELETE CASCADE
);
CREATE TABLE "attendance" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "meeting_id" INTEGER,
    "theme_day_id" INTEGER,
    "member_id" INTEGER,
    "name" VARCHAR(50) NOT NULL,
    "role" VARCHAR(32) NOT NULL,
    "presence" VARCHAR(32) NOT NULL,
    "reason" VARCHAR(200) NOT NULL,
    "has_vote" INTEGER NOT NULL,
    FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("theme_day_id") REFERENCES "theme_day" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
INSERT INTO "attendance" VALUES(5,2,NULL,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(6,2,NULL,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(7,2,NULL,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(8,2,NULL,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(9,2,NULL,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(10,2,NULL,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(11,2,NULL,13,'武梅红','expected','absent','病假',1);
INSERT INTO "attendance" VALUES(12,2,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(13,2,NULL,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(14,2,NULL,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(15,2,NULL,21,'叶华静','expected','on_leave','学校公务',1);
INSERT INTO "attendance" VALUES(16,2,NULL,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(17,3,NULL,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(18,3,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(19,3,NULL,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(20,3,NULL,8,'周婷国','expected','absent','病假',1);
INSERT INTO "attendance" VALUES(21,3,NULL,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(22,3,NULL,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(23,3,NULL,14,'沈敏玉','expected','on_leave','事假',1);
INSERT INTO "attendance" VALUES(24,3,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(25,3,NULL,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(26,3,NULL,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(27,3,NULL,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(28,NULL,1,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(29,NULL,1,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(30,NULL,1,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(31,NULL,1,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(32,NULL,1,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(33,NULL,1,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(34,NULL,1,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(35,NULL,1,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(36,NULL,1,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(37,NULL,1,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(38,NULL,1,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(39,NULL,1,12,'郑斌平','expected','absent','学校公务',1);
INSERT INTO "attendance" VALUES(40,NULL,1,13,'武梅红','expected','on_leave','外出培训',1);
INSERT INTO "attendance" VALUES(41,NULL,1,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(42,NULL,1,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(43,NULL,1,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(44,NULL,1,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(45,NULL,1,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(46,NULL,1,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(47,NULL,1,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(48,NULL,1,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(49,NULL,1,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(50,NULL,1,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(51,4,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(52,4,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(53,4,NULL,8,'周婷国','expected','absent','事假',1);
INSERT INTO "attendance" VALUES(54,4,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(55,5,NULL,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(56,5,NULL,3,'邱霞永','expected','absent','学校公务',1);
INSERT INTO "attendance" VALUES(57,5,NULL,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(58,5,NULL,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(59,5,NULL,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(60,5,NULL,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(61,5,NULL,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(62,5,NULL,15,'陈桂','expected','on_leave','病假',1);
INSERT INTO "attendance" VALUES(63,5,NULL,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(64,5,NULL,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(65,5,NULL,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(66,5,NULL,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(67,6,NULL,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(68,6,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(69,6,NULL,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(70,6,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(71,6,NULL,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(72,6,NULL,12,'郑斌平','expected','on_leave','学校公务',1);
INSERT INTO "attendance" VALUES(73,6,NULL,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(74,6,NULL,16,'戴林春','expected','on_leave','学校公务',1);
INSERT INTO "attendance" VALUES(75,6,NULL,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(76,6,NULL,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(77,6,NULL,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(78,NULL,2,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(79,NULL,2,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(80,NULL,2,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(81,NULL,2,4,'曾丽佳','expected','on_leave','事假',1);
INSERT INTO "attendance" VALUES(82,NULL,2,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(83,NULL,2,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(84,NULL,2,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(85,NULL,2,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(86,NULL,2,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(87,NULL,2,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(88,NULL,2,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(89,NULL,2,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(90,NULL,2,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(91,NULL,2,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(92,NULL,2,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(93,NULL,2,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(94,NULL,2,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(95,NULL,2,18,'马俊','expected','on_leave','外出培训',0);
INSERT INTO "attendance" VALUES(96,NULL,2,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(97,NULL,2,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(98,NULL,2,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(99,NULL,2,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(100,NULL,2,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(101,7,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(102,7,NULL,16,'戴林春','expected','absent','病假',1);
INSERT INTO "attendance" VALUES(103,7,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(104,7,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(105,8,NULL,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(106,8,NULL,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(107,8,NULL,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(108,8,NULL,7,'顾辉鑫','expected','on_leave','外出培训',1);
INSERT INTO "attendance" VALUES(109,8,NULL,9,'石静超','expected','absent','事假',1);
INSERT INTO "attendance" VALUES(110,8,NULL,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(111,8,NULL,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(112,8,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(113,8,NULL,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(114,8,NULL,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(115,8,NULL,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(116,8,NULL,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(117,9,NULL,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(118,9,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(119,9,NULL,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(120,9,NULL,8,'周婷国','expected','on_leave','事假',1);
INSERT INTO "attendance" VALUES(121,9,NULL,10,'叶磊丽','expected','absent','病假',1);
INSERT INTO "attendance" VALUES(122,9,NULL,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(123,9,NULL,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(124,9,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(125,9,NULL,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(126,9,NULL,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(127,9,NULL,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(128,10,NULL,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(129,10,NULL,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(130,10,NULL,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(131,10,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(132,10,NULL,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(133,10,NULL,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(134,10,NULL,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(135,10,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(136,10,NULL,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(137,10,NULL,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(138,10,NULL,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(139,10,NULL,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(140,10,NULL,13,'武梅红','expected','on_leave','病假',1);
INSERT INTO "attendance" VALUES(141,10,NULL,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(142,10,NULL,15,'陈桂','expected','absent','学校公务',1);
INSERT INTO "attendance" VALUES(143,10,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(144,10,NULL,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(145,10,NULL,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(146,10,NULL,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(147,10,NULL,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(148,10,NULL,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(149,10,NULL,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(150,10,NULL,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(151,11,NULL,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(152,11,NULL,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(153,11,NULL,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(154,11,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(155,11,NULL,5,'史刚','expected','absent','事假',0);
INSERT INTO "attendance" VALUES(156,11,NULL,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(157,11,NULL,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(158,11,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(159,11,NULL,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(160,11,NULL,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(161,11,NULL,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(162,11,NULL,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(163,11,NULL,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(164,11,NULL,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(165,11,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(166,11,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(167,11,NULL,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(168,11,NULL,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(169,11,NULL,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(170,11,NULL,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(171,11,NULL,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(172,11,NULL,22,'严军林','expected','on_leave','学校公务',1);
INSERT INTO "attendance" VALUES(173,11,NULL,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(174,12,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(175,12,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(176,12,NULL,8,'周婷国','expected','absent','外出培训',1);
INSERT INTO "attendance" VALUES(177,12,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(178,13,NULL,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(179,13,NULL,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(180,13,NULL,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(181,13,NULL,7,'顾辉鑫','expected','on_leave','病假',1);
INSERT INTO "attendance" VALUES(182,13,NULL,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(183,13,NULL,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(184,13,NULL,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(185,13,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(186,13,NULL,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(187,13,NULL,19,'付红','expected','on_leave','外出培训',1);
INSERT INTO "attendance" VALUES(188,13,NULL,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(189,13,NULL,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(190,14,NULL,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(191,14,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(192,14,NULL,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(193,14,NULL,8,'周婷国','expected','absent','外出培训',1);
INSERT INTO "attendance" VALUES(194,14,NULL,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(195,14,NULL,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(196,14,NULL,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(197,14,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(198,14,NULL,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(199,14,NULL,20,'薛梅娟','expected','absent','学校公务',1);
INSERT INTO "attendance" VALUES(200,14,NULL,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(201,NULL,4,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(202,NULL,4,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(203,NULL,4,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(204,NULL,4,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(205,NULL,4,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(206,NULL,4,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(207,NULL,4,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(208,NULL,4,8,'周婷国','expected','absent','事假',1);
INSERT INTO "attendance" VALUES(209,NULL,4,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(210,NULL,4,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(211,NULL,4,11,'廖梅梅','expected','absent','病假',1);
INSERT INTO "attendance" VALUES(212,NULL,4,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(213,NULL,4,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(214,NULL,4,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(215,NULL,4,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(216,NULL,4,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(217,NULL,4,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(218,NULL,4,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(219,NULL,4,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(220,NULL,4,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(221,NULL,4,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(222,NULL,4,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(223,NULL,4,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(224,15,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(225,15,NULL,16,'戴林春','expected','on_leave','外出培训',1);
INSERT INTO "attendance" VALUES(226,15,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(227,15,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(228,16,NULL,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(229,16,NULL,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(230,16,NULL,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(231,16,NULL,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(232,16,NULL,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(233,16,NULL,11,'廖梅梅','expected','on_leave','外出培训',1);
INSERT INTO "attendance" VALUES(234,16,NULL,13,'武梅红','expected','on_leave','外出培训',1);
INSERT INTO "attendance" VALUES(235,16,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(236,16,NULL,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(237,16,NULL,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(238,16,NULL,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(239,16,NULL,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(240,17,NULL,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(241,17,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(242,17,NULL,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(243,17,NULL,8,'周婷国','expected','absent','事假',1);
INSERT INTO "attendance" VALUES(244,17,NULL,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(245,17,NULL,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(246,17,NULL,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(247,17,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(248,17,NULL,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(249,17,NULL,20,'薛梅娟','expected','absent','事假',1);
INSERT INTO "attendance" VALUES(250,17,NULL,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(251,NULL,5,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(252,NULL,5,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(253,NULL,5,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(254,NULL,5,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(255,NULL,5,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(256,NULL,5,6,'王洋雪','expected','on_leave','病假',1);
INSERT INTO "attendance" VALUES(257,NULL,5,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(258,NULL,5,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(259,NULL,5,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(260,NULL,5,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(261,NULL,5,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(262,NULL,5,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(263,NULL,5,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(264,NULL,5,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(265,NULL,5,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(266,NULL,5,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(267,NULL,5,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(268,NULL,5,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(269,NULL,5,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(270,NULL,5,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(271,NULL,5,21,'叶华静','expected','on_leave','学校公务',1);
INSERT INTO "attendance" VALUES(272,NULL,5,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(273,NULL,5,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(274,18,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(275,18,NULL,16,'戴林春','expected','absent','外出培训',1);
INSERT INTO "attendance" VALUES(276,18,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(277,18,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(278,19,NULL,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(279,19,NULL,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(280,19,NULL,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(281,19,NULL,7,'顾辉鑫','expected','on_leave','学校公务',1);
INSERT INTO "attendance" VALUES(282,19,NULL,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(283,19,NULL,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(284,19,NULL,13,'武梅红','expected','on_leave','学校公务',1);
INSERT INTO "attendance" VALUES(285,19,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(286,19,NULL,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(287,19,NULL,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(288,19,NULL,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(289,19,NULL,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(290,20,NULL,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(291,20,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(292,20,NULL,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(293,20,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(294,20,NULL,10,'叶磊丽','expected','on_leave','事假',1);
INSERT INTO "attendance" VALUES(295,20,NULL,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(296,20,NULL,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(297,20,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(298,20,NULL,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(299,20,NULL,20,'薛梅娟','expected','absent','病假',1);
INSERT INTO "attendance" VALUES(300,20,NULL,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(301,21,NULL,1,'丁雪艳','expected','absent','事假',1);
INSERT INTO "attendance" VALUES(302,21,NULL,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(303,21,NULL,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(304,21,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(305,21,NULL,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(306,21,NULL,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(307,21,NULL,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(308,21,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(309,21,NULL,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(310,21,NULL,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(311,21,NULL,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(312,21,NULL,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(313,21,NULL,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(314,21,NULL,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(315,21,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(316,21,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(317,21,NULL,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(318,21,NULL,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(319,21,NULL,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(320,21,NULL,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(321,21,NULL,21,'叶华静','expected','absent','事假',1);
INSERT INTO "attendance" VALUES(322,21,NULL,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(323,21,NULL,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(324,22,NULL,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(325,22,NULL,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(326,22,NULL,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(327,22,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(328,22,NULL,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(329,22,NULL,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(330,22,NULL,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(331,22,NULL,8,'周婷国','expected','on_leave','病假',1);
INSERT INTO "attendance" VALUES(332,22,NULL,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(333,22,NULL,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(334,22,NULL,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(335,22,NULL,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(336,22,NULL,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(337,22,NULL,14,'沈敏玉','expected','absent','外出培训',1);
INSERT INTO "attendance" VALUES(338,22,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(339,22,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(340,22,NULL,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(341,22,NULL,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(342,22,NULL,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(343,22,NULL,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(344,22,NULL,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(345,22,NULL,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(346,22,NULL,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(347,23,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(348,23,NULL,16,'戴林春','expected','absent','学校公务',1);
INSERT INTO "attendance" VALUES(349,23,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(350,23,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(351,24,NULL,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(352,24,NULL,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(353,24,NULL,5,'史刚','expected','absent','学校公务',0);
INSERT INTO "attendance" VALUES(354,24,NULL,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(355,24,NULL,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(356,24,NULL,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(357,24,NULL,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(358,24,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(359,24,NULL,17,'朱琪静','expected','on_leave','外出培训',1);
INSERT INTO "attendance" VALUES(360,24,NULL,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(361,24,NULL,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(362,24,NULL,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(363,25,NULL,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(364,25,NULL,4,'曾丽佳','expected','on_leave','学校公务',1);
INSERT INTO "attendance" VALUES(365,25,NULL,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(366,25,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(367,25,NULL,10,'叶磊丽','expected','absent','外出培训',1);
INSERT INTO "attendance" VALUES(368,25,NULL,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(369,25,NULL,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(370,25,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(371,25,NULL,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(372,25,NULL,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(373,25,NULL,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(374,NULL,7,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(375,NULL,7,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(376,NULL,7,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(377,NULL,7,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(378,NULL,7,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(379,NULL,7,6,'王洋雪','expected','absent','事假',1);
INSERT INTO "attendance" VALUES(380,NULL,7,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(381,NULL,7,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(382,NULL,7,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(383,NULL,7,10,'叶磊丽','expected','absent','学校公务',1);
INSERT INTO "attendance" VALUES(384,NULL,7,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(385,NULL,7,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(386,NULL,7,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(387,NULL,7,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(388,NULL,7,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(389,NULL,7,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(390,NULL,7,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(391,NULL,7,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(392,NULL,7,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(393,NULL,7,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(394,NULL,7,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(395,NULL,7,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(396,NULL,7,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(397,26,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(398,26,NULL,16,'戴林春','expected','absent','病假',1);
INSERT INTO "attendance" VALUES(399,26,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(400,26,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(401,27,NULL,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(402,27,NULL,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(403,27,NULL,5,'史刚','expected','absent','学校公务',0);
INSERT INTO "attendance" VALUES(404,27,NULL,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(405,27,NULL,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(406,27,NULL,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(407,27,NULL,13,'武梅红','expected','absent','病假',1);
INSERT INTO "attendance" VALUES(408,27,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(409,27,NULL,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(410,27,NULL,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(411,27,NULL,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(412,27,NULL,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(413,28,NULL,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(414,28,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(415,28,NULL,6,'王洋雪','expected','on_leave','学校公务',1);
INSERT INTO "attendance" VALUES(416,28,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(417,28,NULL,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(418,28,NULL,12,'郑斌平','expected','on_leave','病假',1);
INSERT INTO "attendance" VALUES(419,28,NULL,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(420,28,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(421,28,NULL,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(422,28,NULL,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(423,28,NULL,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(424,NULL,8,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(425,NULL,8,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(426,NULL,8,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(427,NULL,8,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(428,NULL,8,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(429,NULL,8,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(430,NULL,8,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(431,NULL,8,8,'周婷国','expected','absent','学校公务',1);
INSERT INTO "attendance" VALUES(432,NULL,8,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(433,NULL,8,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(434,NULL,8,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(435,NULL,8,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(436,NULL,8,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(437,NULL,8,14,'沈敏玉','expected','absent','外出培训',1);
INSERT INTO "attendance" VALUES(438,NULL,8,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(439,NULL,8,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(440,NULL,8,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(441,NULL,8,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(442,NULL,8,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(443,NULL,8,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(444,NULL,8,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(445,NULL,8,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(446,NULL,8,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(447,29,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(448,29,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(449,29,NULL,8,'周婷国','expected','on_leave','事假',1);
INSERT INTO "attendance" VALUES(450,29,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(451,30,NULL,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(452,30,NULL,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(453,30,NULL,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(454,30,NULL,7,'顾辉鑫','expected','absent','外出培训',1);
INSERT INTO "attendance" VALUES(455,30,NULL,9,'石静超','expected','absent','学校公务',1);
INSERT INTO "attendance" VALUES(456,30,NULL,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(457,30,NULL,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(458,30,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(459,30,NULL,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(460,30,NULL,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(461,30,NULL,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(462,30,NULL,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(463,31,NULL,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(464,31,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(465,31,NULL,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(466,31,NULL,8,'周婷国','expected','absent','病假',1);
INSERT INTO "attendance" VALUES(467,31,NULL,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(468,31,NULL,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(469,31,NULL,14,'沈敏玉','expected','absent','学校公务',1);
INSERT INTO "attendance" VALUES(470,31,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(471,31,NULL,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(472,31,NULL,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(473,31,NULL,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(474,32,NULL,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(475,32,NULL,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(476,32,NULL,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(477,32,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(478,32,NULL,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(479,32,NULL,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(480,32,NULL,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(481,32,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(482,32,NULL,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(483,32,NULL,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(484,32,NULL,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(485,32,NULL,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(486,32,NULL,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(487,32,NULL,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(488,32,NULL,15,'陈桂','expected','on_leave','学校公务',1);
INSERT INTO "attendance" VALUES(489,32,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(490,32,NULL,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(491,32,NULL,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(492,32,NULL,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(493,32,NULL,20,'薛梅娟','expected','absent','病假',1);
INSERT INTO "attendance" VALUES(494,32,NULL,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(495,32,NULL,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(496,32,NULL,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(497,33,NULL,1,'丁雪艳','expected','absent','病假',1);
INSERT INTO "attendance" VALUES(498,33,NULL,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(499,33,NULL,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(500,33,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(501,33,NULL,5,'史刚','expected','on_leave','病假',0);
INSERT INTO "attendance" VALUES(502,33,NULL,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(503,33,NULL,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(504,33,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(505,33,NULL,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(506,33,NULL,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(507,33,NULL,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(508,33,NULL,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(509,33,NULL,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(510,33,NULL,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(511,33,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(512,33,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(513,33,NULL,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(514,33,NULL,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(515,33,NULL,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(516,33,NULL,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(517,33,NULL,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(518,33,NULL,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(519,33,NULL,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(520,34,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(521,34,NULL,16,'戴林春','expected','on_leave','事假',1);
INSERT INTO "attendance" VALUES(522,34,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(523,34,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(524,35,NULL,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(525,35,NULL,3,'邱霞永','expected','on_leave','病假',1);
INSERT INTO "attendance" VALUES(526,35,NULL,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(527,35,NULL,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(528,35,NULL,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(529,35,NULL,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(530,35,NULL,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(531,35,NULL,15,'陈桂','expected','on_leave','事假',1);
INSERT INTO "attendance" VALUES(532,35,NULL,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(533,35,NULL,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(534,35,NULL,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(535,35,NULL,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(536,36,NULL,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(537,36,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(538,36,NULL,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(539,36,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(540,36,NULL,10,'叶磊丽','expected','absent','学校公务',1);
INSERT INTO "attendance" VALUES(541,36,NULL,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(542,36,NULL,14,'沈敏玉','expected','absent','事假',1);
INSERT INTO "attendance" VALUES(543,36,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(544,36,NULL,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(545,36,NULL,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(546,36,NULL,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(547,NULL,10,1,'丁雪艳','expected','absent','病假',1);
INSERT INTO "attendance" VALUES(548,NULL,10,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(549,NULL,10,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(550,NULL,10,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(551,NULL,10,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(552,NULL,10,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(553,NULL,10,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(554,NULL,10,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(555,NULL,10,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(556,NULL,10,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(557,NULL,10,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(558,NULL,10,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(559,NULL,10,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(560,NULL,10,14,'沈敏玉','expected','absent','事假',1);
INSERT INTO "attendance" VALUES(561,NULL,10,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(562,NULL,10,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(563,NULL,10,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(564,NULL,10,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(565,NULL,10,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(566,NULL,10,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(567,NULL,10,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(568,NULL,10,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(569,NULL,10,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(570,37,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(571,37,NULL,16,'戴林春','expected','on_leave','外出培训',1);
INSERT INTO "attendance" VALUES(572,37,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(573,37,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(574,38,NULL,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(575,38,NULL,3,'邱霞永','expected','on_leave','外出培训',1);
INSERT INTO "attendance" VALUES(576,38,NULL,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(577,38,NULL,7,'顾辉鑫','expected','present','',1);
INSERT INTO "attendance" VALUES(578,38,NULL,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(579,38,NULL,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(580,38,NULL,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(581,38,NULL,15,'陈桂','expected','on_leave','事假',1);
INSERT INTO "attendance" VALUES(582,38,NULL,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(583,38,NULL,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(584,38,NULL,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(585,38,NULL,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(586,39,NULL,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(587,39,NULL,4,'曾丽佳','expected','on_leave','事假',1);
INSERT INTO "attendance" VALUES(588,39,NULL,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(589,39,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(590,39,NULL,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(591,39,NULL,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(592,39,NULL,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(593,39,NULL,16,'戴林春','expected','absent','外出培训',1);
INSERT INTO "attendance" VALUES(594,39,NULL,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(595,39,NULL,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(596,39,NULL,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(597,NULL,11,1,'丁雪艳','expected','present','',1);
INSERT INTO "attendance" VALUES(598,NULL,11,2,'冯永','expected','present','',1);
INSERT INTO "attendance" VALUES(599,NULL,11,3,'邱霞永','expected','present','',1);
INSERT INTO "attendance" VALUES(600,NULL,11,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(601,NULL,11,5,'史刚','expected','present','',0);
INSERT INTO "attendance" VALUES(602,NULL,11,6,'王洋雪','expected','present','',1);
INSERT INTO "attendance" VALUES(603,NULL,11,7,'顾辉鑫','expected','on_leave','外出培训',1);
INSERT INTO "attendance" VALUES(604,NULL,11,8,'周婷国','expected','on_leave','外出培训',1);
INSERT INTO "attendance" VALUES(605,NULL,11,9,'石静超','expected','present','',1);
INSERT INTO "attendance" VALUES(606,NULL,11,10,'叶磊丽','expected','present','',1);
INSERT INTO "attendance" VALUES(607,NULL,11,11,'廖梅梅','expected','present','',1);
INSERT INTO "attendance" VALUES(608,NULL,11,12,'郑斌平','expected','present','',1);
INSERT INTO "attendance" VALUES(609,NULL,11,13,'武梅红','expected','present','',1);
INSERT INTO "attendance" VALUES(610,NULL,11,14,'沈敏玉','expected','present','',1);
INSERT INTO "attendance" VALUES(611,NULL,11,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(612,NULL,11,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(613,NULL,11,17,'朱琪静','expected','present','',1);
INSERT INTO "attendance" VALUES(614,NULL,11,18,'马俊','expected','present','',0);
INSERT INTO "attendance" VALUES(615,NULL,11,19,'付红','expected','present','',1);
INSERT INTO "attendance" VALUES(616,NULL,11,20,'薛梅娟','expected','present','',1);
INSERT INTO "attendance" VALUES(617,NULL,11,21,'叶华静','expected','present','',1);
INSERT INTO "attendance" VALUES(618,NULL,11,22,'严军林','expected','present','',1);
INSERT INTO "attendance" VALUES(619,NULL,11,23,'邵超','expected','present','',1);
INSERT INTO "attendance" VALUES(620,40,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(621,40,NULL,16,'戴林春','expected','on_leave','事假',1);
INSERT INTO "attendance" VALUES(622,40,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(623,40,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(624,1,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(625,1,NULL,16,'戴林春','expected','on_leave','事假',1);
INSERT INTO "attendance" VALUES(626,1,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(627,1,NULL,15,'陈桂','expected','present','',1);
INSERT INTO "attendance" VALUES(628,41,NULL,4,'曾丽佳','expected','present','',1);
INSERT INTO "attendance" VALUES(629,41,NULL,16,'戴林春','expected','present','',1);
INSERT INTO "attendance" VALUES(630,41,NULL,8,'周婷国','expected','present','',1);
INSERT INTO "attendance" VALUES(631,41,NULL,15,'陈桂','expected','present','',1);
CREATE TABLE "audit_log" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "action" VARCHAR(60) NOT NULL,
    "entity" VARCHAR(40) NOT NULL,
    "entity_id" INTEGER,
    "summary" TEXT NOT NULL,
    "detail" TEXT
);
INSERT INTO "audit_log" VALUES(1,'2026-12-06 13:03:20','create_branch','branch',1,'建立支部“中共建始县青山湾小学支部委员会”',NULL);
INSERT INTO "audit_log" VALUES(2,'2026-12-06 13:03:20','finish_meeting','meeting',1,'完成会议记录“2026年1月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(3,'2026-12-06 13:03:20','archive_meeting','meeting',1,'归档“2026年1月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(4,'2026-12-06 13:03:20','finish_meeting','meeting',2,'完成会议记录“2026年1月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(5,'2026-12-06 13:03:20','archive_meeting','meeting',2,'归档“2026年1月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(6,'2026-12-06 13:03:20','finish_meeting','meeting',3,'完成会议记录“2026年1月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(7,'2026-12-06 13:03:20','archive_meeting','meeting',3,'归档“2026年1月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(8,'2026-12-06 13:03:20','finish_theme_day','theme_day',1,'完成“2026年1月主题党日”记录',NULL);
INSERT INTO "audit_log" VALUES(9,'2026-12-06 13:03:20','archive_theme_day','theme_day',1,'归档“2026年1月主题党日”',NULL);
INSERT INTO "audit_log" VALUES(10,'2026-12-06 13:03:20','finish_meeting','meeting',4,'完成会议记录“2026年2月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(11,'2026-12-06 13:03:20','archive_meeting','meeting',4,'归档“2026年2月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(12,'2026-12-06 13:03:20','finish_meeting','meeting',5,'完成会议记录“2026年2月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(13,'2026-12-06 13:03:20','archive_meeting','meeting',5,'归档“2026年2月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(14,'2026-12-06 13:03:20','finish_meeting','meeting',6,'完成会议记录“2026年2月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(15,'2026-12-06 13:03:20','archive_meeting','meeting',6,'归档“2026年2月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(16,'2026-12-06 13:03:20','finish_theme_day','theme_day',2,'完成“2026年2月主题党日”记录',NULL);
INSERT INTO "audit_log" VALUES(17,'2026-12-06 13:03:20','archive_theme_day','theme_day',2,'归档“2026年2月主题党日”',NULL);
INSERT INTO "audit_log" VALUES(18,'2026-12-06 13:03:20','finish_meeting','meeting',7,'完成会议记录“2026年3月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(19,'2026-12-06 13:03:20','archive_meeting','meeting',7,'归档“2026年3月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(20,'2026-12-06 13:03:20','finish_meeting','meeting',8,'完成会议记录“2026年3月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(21,'2026-12-06 13:03:20','archive_meeting','meeting',8,'归档“2026年3月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(22,'2026-12-06 13:03:20','finish_meeting','meeting',9,'完成会议记录“2026年3月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(23,'2026-12-06 13:03:20','archive_meeting','meeting',9,'归档“2026年3月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(24,'2026-12-06 13:03:20','finish_meeting','meeting',10,'完成会议记录“2026年3月15日支部党员大会”',NULL);
INSERT INTO "audit_log" VALUES(25,'2026-12-06 13:03:20','archive_meeting','meeting',10,'归档“2026年3月15日支部党员大会”',NULL);
INSERT INTO "audit_log" VALUES(26,'2026-12-06 13:03:20','finish_theme_day','theme_day',3,'完成“2026年3月主题党日”记录',NULL);
INSERT INTO "audit_log" VALUES(27,'2026-12-06 13:03:20','finish_meeting','meeting',11,'完成会议记录“2026年3月20日党课”',NULL);
INSERT INTO "audit_log" VALUES(28,'2026-12-06 13:03:20','archive_meeting','meeting',11,'归档“2026年3月20日党课”',NULL);
INSERT INTO "audit_log" VALUES(29,'2026-12-06 13:03:20','finish_meeting','meeting',12,'完成会议记录“2026年4月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(30,'2026-12-06 13:03:20','archive_meeting','meeting',12,'归档“2026年4月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(31,'2026-12-06 13:03:20','finish_meeting','meeting',13,'完成会议记录“2026年4月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(32,'2026-12-06 13:03:20','archive_meeting','meeting',13,'归档“2026年4月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(33,'2026-12-06 13:03:20','finish_meeting','meeting',14,'完成会议记录“2026年4月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(34,'2026-12-06 13:03:20','archive_meeting','meeting',14,'归档“2026年4月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(35,'2026-12-06 13:03:20','finish_theme_day','theme_day',4,'完成“2026年4月主题党日”记录',NULL);
INSERT INTO "audit_log" VALUES(36,'2026-12-06 13:03:20','archive_theme_day','theme_day',4,'归档“2026年4月主题党日”',NULL);
INSERT INTO "audit_log" VALUES(37,'2026-12-06 13:03:20','finish_meeting','meeting',15,'完成会议记录“2026年5月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(38,'2026-12-06 13:03:20','archive_meeting','meeting',15,'归档“2026年5月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(39,'2026-12-06 13:03:20','finish_meeting','meeting',16,'完成会议记录“2026年5月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(40,'2026-12-06 13:03:20','archive_meeting','meeting',16,'归档“2026年5月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(41,'2026-12-06 13:03:20','finish_meeting','meeting',17,'完成会议记录“2026年5月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(42,'2026-12-06 13:03:20','archive_meeting','meeting',17,'归档“2026年5月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(43,'2026-12-06 13:03:20','finish_theme_day','theme_day',5,'完成“2026年5月主题党日”记录',NULL);
INSERT INTO "audit_log" VALUES(44,'2026-12-06 13:03:20','archive_theme_day','theme_day',5,'归档“2026年5月主题党日”',NULL);
INSERT INTO "audit_log" VALUES(45,'2026-12-06 13:03:20','finish_meeting','meeting',18,'完成会议记录“2026年6月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(46,'2026-12-06 13:03:20','archive_meeting','meeting',18,'归档“2026年6月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(47,'2026-12-06 13:03:20','finish_meeting','meeting',19,'完成会议记录“2026年6月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(48,'2026-12-06 13:03:20','archive_meeting','meeting',19,'归档“2026年6月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(49,'2026-12-06 13:03:20','finish_meeting','meeting',20,'完成会议记录“2026年6月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(50,'2026-12-06 13:03:20','archive_meeting','meeting',20,'归档“2026年6月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(51,'2026-12-06 13:03:20','finish_meeting','meeting',21,'完成会议记录“2026年6月15日支部党员大会”',NULL);
INSERT INTO "audit_log" VALUES(52,'2026-12-06 13:03:20','archive_meeting','meeting',21,'归档“2026年6月15日支部党员大会”',NULL);
INSERT INTO "audit_log" VALUES(53,'2026-12-06 13:03:20','finish_theme_day','theme_day',6,'完成“2026年6月主题党日”记录',NULL);
INSERT INTO "audit_log" VALUES(54,'2026-12-06 13:03:20','finish_meeting','meeting',22,'完成会议记录“2026年6月20日党课”',NULL);
INSERT INTO "audit_log" VALUES(55,'2026-12-06 13:03:20','archive_meeting','meeting',22,'归档“2026年6月20日党课”',NULL);
INSERT INTO "audit_log" VALUES(56,'2026-12-06 13:03:20','finish_meeting','meeting',23,'完成会议记录“2026年7月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(57,'2026-12-06 13:03:20','archive_meeting','meeting',23,'归档“2026年7月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(58,'2026-12-06 13:03:20','finish_meeting','meeting',24,'完成会议记录“2026年7月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(59,'2026-12-06 13:03:20','archive_meeting','meeting',24,'归档“2026年7月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(60,'2026-12-06 13:03:20','finish_meeting','meeting',25,'完成会议记录“2026年7月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(61,'2026-12-06 13:03:20','archive_meeting','meeting',25,'归档“2026年7月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(62,'2026-12-06 13:03:20','finish_theme_day','theme_day',7,'完成“2026年7月主题党日”记录',NULL);
INSERT INTO "audit_log" VALUES(63,'2026-12-06 13:03:20','archive_theme_day','theme_day',7,'归档“2026年7月主题党日”',NULL);
INSERT INTO "audit_log" VALUES(64,'2026-12-06 13:03:20','finish_meeting','meeting',26,'完成会议记录“2026年8月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(65,'2026-12-06 13:03:20','archive_meeting','meeting',26,'归档“2026年8月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(66,'2026-12-06 13:03:20','finish_meeting','meeting',27,'完成会议记录“2026年8月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(67,'2026-12-06 13:03:20','archive_meeting','meeting',27,'归档“2026年8月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(68,'2026-12-06 13:03:20','finish_meeting','meeting',28,'完成会议记录“2026年8月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(69,'2026-12-06 13:03:20','archive_meeting','meeting',28,'归档“2026年8月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(70,'2026-12-06 13:03:20','finish_theme_day','theme_day',8,'完成“2026年8月主题党日”记录',NULL);
INSERT INTO "audit_log" VALUES(71,'2026-12-06 13:03:20','archive_theme_day','theme_day',8,'归档“2026年8月主题党日”',NULL);
INSERT INTO "audit_log" VALUES(72,'2026-12-06 13:03:20','finish_meeting','meeting',29,'完成会议记录“2026年9月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(73,'2026-12-06 13:03:20','archive_meeting','meeting',29,'归档“2026年9月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(74,'2026-12-06 13:03:20','finish_meeting','meeting',30,'完成会议记录“2026年9月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(75,'2026-12-06 13:03:20','archive_meeting','meeting',30,'归档“2026年9月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(76,'2026-12-06 13:03:20','finish_meeting','meeting',31,'完成会议记录“2026年9月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(77,'2026-12-06 13:03:20','archive_meeting','meeting',31,'归档“2026年9月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(78,'2026-12-06 13:03:20','finish_meeting','meeting',32,'完成会议记录“2026年9月15日支部党员大会”',NULL);
INSERT INTO "audit_log" VALUES(79,'2026-12-06 13:03:20','archive_meeting','meeting',32,'归档“2026年9月15日支部党员大会”',NULL);
INSERT INTO "audit_log" VALUES(80,'2026-12-06 13:03:20','finish_theme_day','theme_day',9,'完成“2026年9月主题党日”记录',NULL);
INSERT INTO "audit_log" VALUES(81,'2026-12-06 13:03:20','finish_meeting','meeting',33,'完成会议记录“2026年9月20日党课”',NULL);
INSERT INTO "audit_log" VALUES(82,'2026-12-06 13:03:20','archive_meeting','meeting',33,'归档“2026年9月20日党课”',NULL);
INSERT INTO "audit_log" VALUES(83,'2026-12-06 13:03:20','finish_meeting','meeting',34,'完成会议记录“2026年10月5日支委会”（补录）',NULL);
INSERT INTO "audit_log" VALUES(84,'2026-12-06 13:03:20','finish_meeting','meeting',35,'完成会议记录“2026年10月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(85,'2026-12-06 13:03:20','finish_meeting','meeting',36,'完成会议记录“2026年10月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(86,'2026-12-06 13:03:20','finish_theme_day','theme_day',10,'完成“2026年10月主题党日”记录',NULL);
INSERT INTO "audit_log" VALUES(87,'2026-12-06 13:03:20','finish_meeting','meeting',37,'完成会议记录“2026年11月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(88,'2026-12-06 13:03:20','finish_meeting','meeting',38,'完成会议记录“2026年11月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(89,'2026-12-06 13:03:20','finish_meeting','meeting',39,'完成会议记录“2026年11月10日党小组会”',NULL);
INSERT INTO "audit_log" VALUES(90,'2026-12-06 13:03:20','finish_theme_day','theme_day',11,'完成“2026年11月主题党日”记录',NULL);
INSERT INTO "audit_log" VALUES(91,'2026-12-06 13:03:20','finish_meeting','meeting',40,'完成会议记录“2026年12月5日支委会”',NULL);
INSERT INTO "audit_log" VALUES(92,'2026-12-06 13:03:20','finish_heart_talk','heart_talk',1,'完成“2026年2月6日曾丽佳与戴林春谈话”记录',NULL);
INSERT INTO "audit_log" VALUES(93,'2026-12-06 13:03:20','finish_heart_talk','heart_talk',2,'完成“2026年2月23日曾丽佳与周婷国谈话”记录',NULL);
INSERT INTO "audit_log" VALUES(94,'2026-12-06 13:03:20','finish_heart_talk','heart_talk',3,'完成“2026年3月12日曾丽佳与陈桂谈话”记录',NULL);
INSERT INTO "audit_log" VALUES(95,'2026-12-06 13:03:20','finish_heart_talk','heart_talk',4,'完成“2026年3月29日曾丽佳与顾辉鑫谈话”记录',NULL);
INSERT INTO "audit_log" VALUES(96,'2026-12-06 13:03:20','finish_heart_talk','heart_talk',5,'完成“2026年4月15日戴林春与周婷国谈话”记录',NULL);
INSERT INTO "audit_log" VALUES(97,'2026-12-06 13:03:20','finish_heart_talk','heart_talk',6,'完成“2026年5月2日周婷国与石静超谈话”记录',NULL);
INSERT INTO "audit_log" VALUES(98,'2026-12-06 13:03:20','finish_heart_talk','heart_talk',7,'完成“2026年5月19日陈桂与叶磊丽谈话”记录',NULL);
INSERT INTO "audit_log" VALUES(99,'2026-12-06 13:03:20','finish_heart_talk','heart_talk',8,'完成“2026年6月5日曾丽佳与廖梅梅谈话”记录',NULL);
INSERT INTO "audit_log" VALUES(100,'2026-12-06 13:03:20','finish_heart_talk','heart_talk',9,'完成“2026年6月22日戴林春与郑斌平谈话”记录',NULL);
INSERT INTO "audit_log" VALUES(101,'2026-12-06 13:03:20','finish_heart_talk','heart_talk',10,'完成“2026年7月9日周婷国与武梅红谈话”记录',NULL);
INSERT INTO "audit_log" VALUES(102,'2026-12-06 13:03:20','finish_heart_talk','heart_talk',11,'完成“2026年7月26日陈桂与沈敏玉谈话”记录',NULL);
INSERT INTO "audit_log" VALUES(103,'2026-12-06 13:03:20','finish_heart_talk','heart_talk',12,'完成一次提醒谈话记录',NULL);
INSERT INTO "audit_log" VALUES(104,'2026-12-06 13:03:20','amend_meeting','meeting',1,'更正“2026年1月5日支委会”：会议地点记录有误',NULL);
INSERT INTO "audit_log" VALUES(105,'2026-12-06 13:03:20','save_meeting_draft','meeting',41,'保存草稿“2026年12月6日支委会”',NULL);
INSERT INTO "audit_log" VALUES(106,'2026-12-06 13:03:20','fill_demo','branch',1,'填入演示数据',NULL);
CREATE TABLE "branch" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "uid" VARCHAR(32) NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "founded_on" DATE NOT NULL,
    "has_committee" INTEGER NOT NULL,
    "theme_day_of_month" INTEGER NOT NULL,
    "is_demo" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    FOREIGN KEY ("organization_id") REFERENCES "organization" ("id") ON DELETE RESTRICT
);
INSERT INTO "branch" VALUES(1,'af190b5dc98e41f88d57ab583aea3053','中共建始县青山湾小学支部委员会',1,'2008-09-01',1,15,1,'2026-12-06 13:03:20');
CREATE TABLE "branch_committee" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT
);
INSERT INTO "branch_committee" VALUES(1,1);
CREATE TABLE "committee_post" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "term_id" INTEGER NOT NULL,
    "post" VARCHAR(32) NOT NULL,
    "title" VARCHAR(30) NOT NULL,
    "member_id" INTEGER,
    "since" DATE,
    "until" DATE,
    FOREIGN KEY ("term_id") REFERENCES "committee_term" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
INSERT INTO "committee_post" VALUES(1,1,'secretary','',4,'2024-04-30',NULL);
INSERT INTO "committee_post" VALUES(2,1,'organization','',16,'2024-04-30',NULL);
INSERT INTO "committee_post" VALUES(3,1,'publicity','',8,'2024-04-30',NULL);
INSERT INTO "committee_post" VALUES(4,1,'discipline','',15,'2024-04-30',NULL);
INSERT INTO "committee_post" VALUES(5,1,'youth','',NULL,NULL,NULL);
CREATE TABLE "committee_term" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "committee_id" INTEGER NOT NULL,
    "number" INTEGER,
    "elected_on" DATE NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "is_by_election" INTEGER NOT NULL,
    "notes" TEXT NOT NULL,
    FOREIGN KEY ("committee_id") REFERENCES "branch_committee" ("id") ON DELETE RESTRICT
);
INSERT INTO "committee_term" VALUES(1,1,4,'2024-04-30','2024-04-30','2027-04-29',0,'');
CREATE TABLE "heart_talk" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "held_on" DATE NOT NULL,
    "place" VARCHAR(100) NOT NULL,
    "state" VARCHAR(32) NOT NULL,
    "late_entry" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "archived_at" DATETIME,
    "kind" VARCHAR(32) NOT NULL,
    "talker_id" INTEGER NOT NULL,
    "talkee_id" INTEGER,
    "talkee_name" VARCHAR(50) NOT NULL,
    "topic" VARCHAR(200) NOT NULL,
    "talker_said" TEXT NOT NULL,
    "talkee_said" TEXT NOT NULL,
    "problems" TEXT NOT NULL,
    "follow_up" TEXT NOT NULL,
    "confidential" INTEGER NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("talker_id") REFERENCES "member" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("talkee_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
INSERT INTO "heart_talk" VALUES(1,1,'2026-02-06','校长室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'committee_peers',4,16,'','思想和工作情况交流','肯定了近期工作，希望在班级管理上多下功夫。','表示认同，会加强学习，改进工作方法。','','下学期再交流一次。',0);
INSERT INTO "heart_talk" VALUES(2,1,'2026-02-23','校长室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'committee_peers',4,8,'','思想和工作情况交流','肯定了近期工作，希望在班级管理上多下功夫。','表示认同，会加强学习，改进工作方法。','','下学期再交流一次。',0);
INSERT INTO "heart_talk" VALUES(3,1,'2026-03-12','校长室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'committee_peers',4,15,'','思想和工作情况交流','肯定了近期工作，希望在班级管理上多下功夫。','表示认同，会加强学习，改进工作方法。','','下学期再交流一次。',0);
INSERT INTO "heart_talk" VALUES(4,1,'2026-03-29','校长室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'committee_member',4,7,'','思想和工作情况交流','肯定了近期工作，希望在班级管理上多下功夫。','表示认同，会加强学习，改进工作方法。','','下学期再交流一次。',0);
INSERT INTO "heart_talk" VALUES(5,1,'2026-04-15','校长室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'committee_peers',16,8,'','思想和工作情况交流','肯定了近期工作，希望在班级管理上多下功夫。','表示认同，会加强学习，改进工作方法。','','下学期再交流一次。',0);
INSERT INTO "heart_talk" VALUES(6,1,'2026-05-02','校长室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'committee_member',8,9,'','思想和工作情况交流','肯定了近期工作，希望在班级管理上多下功夫。','表示认同，会加强学习，改进工作方法。','','下学期再交流一次。',0);
INSERT INTO "heart_talk" VALUES(7,1,'2026-05-19','校长室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'committee_member',15,10,'','思想和工作情况交流','肯定了近期工作，希望在班级管理上多下功夫。','表示认同，会加强学习，改进工作方法。','','下学期再交流一次。',0);
INSERT INTO "heart_talk" VALUES(8,1,'2026-06-05','校长室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'committee_member',4,11,'','思想和工作情况交流','肯定了近期工作，希望在班级管理上多下功夫。','表示认同，会加强学习，改进工作方法。','','下学期再交流一次。',0);
INSERT INTO "heart_talk" VALUES(9,1,'2026-06-22','校长室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'committee_member',16,12,'','思想和工作情况交流','肯定了近期工作，希望在班级管理上多下功夫。','表示认同，会加强学习，改进工作方法。','','下学期再交流一次。',0);
INSERT INTO "heart_talk" VALUES(10,1,'2026-07-09','校长室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'committee_member',8,13,'','思想和工作情况交流','肯定了近期工作，希望在班级管理上多下功夫。','表示认同，会加强学习，改进工作方法。','','下学期再交流一次。',0);
INSERT INTO "heart_talk" VALUES(11,1,'2026-07-26','校长室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'committee_member',15,14,'','思想和工作情况交流','肯定了近期工作，希望在班级管理上多下功夫。','表示认同，会加强学习，改进工作方法。','','下学期再交流一次。',0);
INSERT INTO "heart_talk" VALUES(12,1,'2026-11-16','校长室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'reminder',4,23,'','工作纪律提醒','提醒遵守工作纪律，按时到岗。','','','',1);
CREATE TABLE "meeting" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "held_on" DATE NOT NULL,
    "place" VARCHAR(100) NOT NULL,
    "state" VARCHAR(32) NOT NULL,
    "late_entry" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "archived_at" DATETIME,
    "kind" VARCHAR(32) NOT NULL,
    "party_group_id" INTEGER,
    "sequence_no" INTEGER,
    "starts_at" VARCHAR(5) NOT NULL,
    "ends_at" VARCHAR(5) NOT NULL,
    "chair_id" INTEGER,
    "recorder_id" INTEGER,
    "title" VARCHAR(200) NOT NULL,
    "lecturer_id" INTEGER,
    "lecturer_name" VARCHAR(50) NOT NULL,
    "duration_minutes" INTEGER,
    "tags" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "open_items" TEXT NOT NULL, "entrusted_chair" INTEGER NOT NULL DEFAULT 0,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("party_group_id") REFERENCES "party_group" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("chair_id") REFERENCES "member" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("recorder_id") REFERENCES "member" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("lecturer_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
INSERT INTO "meeting" VALUES(1,1,'2026-01-05','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','committee',NULL,NULL,'16:00','17:10',4,15,'',NULL,'',NULL,'["意识形态专题研究"]','','',0);
INSERT INTO "meeting" VALUES(2,1,'2026-01-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',1,NULL,'16:00','17:10',1,23,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(3,1,'2026-01-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',2,NULL,'16:00','17:10',2,22,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(4,1,'2026-02-05','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','committee',NULL,NULL,'16:00','17:10',4,15,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(5,1,'2026-02-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',1,NULL,'16:00','17:10',1,23,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(6,1,'2026-02-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',2,NULL,'16:00','17:10',2,22,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(7,1,'2026-03-05','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','committee',NULL,NULL,'16:00','17:10',4,15,'',NULL,'',NULL,'["研究党建工作"]','','',0);
INSERT INTO "meeting" VALUES(8,1,'2026-03-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',1,NULL,'16:00','17:10',1,23,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(9,1,'2026-03-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',2,NULL,'16:00','17:10',2,22,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(10,1,'2026-03-15','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','general_assembly',NULL,NULL,'16:00','17:10',4,23,'',NULL,'',NULL,'["研究党建工作"]','','',0);
INSERT INTO "meeting" VALUES(11,1,'2026-03-20','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','lecture',NULL,NULL,'16:00','17:10',4,23,'弘扬教育家精神，办好人民满意的教育',4,'',60,'[]','','',0);
INSERT INTO "meeting" VALUES(12,1,'2026-04-05','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','committee',NULL,NULL,'16:00','17:10',4,15,'',NULL,'',NULL,'["意识形态专题研究"]','','',0);
INSERT INTO "meeting" VALUES(13,1,'2026-04-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',1,NULL,'16:00','17:10',1,23,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(14,1,'2026-04-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',2,NULL,'16:00','17:10',2,22,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(15,1,'2026-05-05','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','committee',NULL,NULL,'16:00','17:10',4,15,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(16,1,'2026-05-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',1,NULL,'16:00','17:10',1,23,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(17,1,'2026-05-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',2,NULL,'16:00','17:10',2,22,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(18,1,'2026-06-05','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','committee',NULL,NULL,'16:00','17:10',4,15,'',NULL,'',NULL,'["研究党建工作"]','','',0);
INSERT INTO "meeting" VALUES(19,1,'2026-06-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',1,NULL,'16:00','17:10',1,23,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(20,1,'2026-06-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',2,NULL,'16:00','17:10',2,22,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(21,1,'2026-06-15','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','general_assembly',NULL,NULL,'16:00','17:10',4,23,'',NULL,'',NULL,'["研究党建工作"]','','',0);
INSERT INTO "meeting" VALUES(22,1,'2026-06-20','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','lecture',NULL,NULL,'16:00','17:10',4,23,'新时代中小学教师职业行为十项准则',4,'',60,'[]','','',0);
INSERT INTO "meeting" VALUES(23,1,'2026-07-05','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','committee',NULL,NULL,'16:00','17:10',4,15,'',NULL,'',NULL,'["意识形态专题研究"]','','',0);
INSERT INTO "meeting" VALUES(24,1,'2026-07-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',1,NULL,'16:00','17:10',1,23,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(25,1,'2026-07-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',2,NULL,'16:00','17:10',2,22,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(26,1,'2026-08-05','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','committee',NULL,NULL,'16:00','17:10',4,15,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(27,1,'2026-08-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',1,NULL,'16:00','17:10',1,23,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(28,1,'2026-08-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',2,NULL,'16:00','17:10',2,22,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(29,1,'2026-09-05','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','committee',NULL,NULL,'16:00','17:10',4,15,'',NULL,'',NULL,'["研究党建工作"]','','',0);
INSERT INTO "meeting" VALUES(30,1,'2026-09-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',1,NULL,'16:00','17:10',1,23,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(31,1,'2026-09-10','党员活动室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','group',2,NULL,'16:00','17:10',2,22,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(32,1,'2026-09-15','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','general_assembly',NULL,NULL,'16:00','17:10',4,23,'',NULL,'',NULL,'["研究党建工作"]','','',0);
INSERT INTO "meeting" VALUES(33,1,'2026-09-20','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','lecture',NULL,NULL,'16:00','17:10',4,23,'学习党章，做合格党员',4,'',60,'[]','','',0);
INSERT INTO "meeting" VALUES(34,1,'2026-10-05','学校会议室','finished',1,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'committee',NULL,NULL,'16:00','17:10',4,15,'',NULL,'',NULL,'["意识形态专题研究"]','','',0);
INSERT INTO "meeting" VALUES(35,1,'2026-10-10','党员活动室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'group',1,NULL,'16:00','17:10',1,23,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(36,1,'2026-10-10','党员活动室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'group',2,NULL,'16:00','17:10',2,22,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(37,1,'2026-11-05','学校会议室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'committee',NULL,NULL,'16:00','17:10',4,15,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(38,1,'2026-11-10','党员活动室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'group',1,NULL,'16:00','17:10',1,23,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(39,1,'2026-11-10','党员活动室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'group',2,NULL,'16:00','17:10',2,22,'',NULL,'',NULL,'[]','','',0);
INSERT INTO "meeting" VALUES(40,1,'2026-12-05','学校会议室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'committee',NULL,NULL,'16:00','17:10',4,15,'',NULL,'',NULL,'["研究党建工作"]','','',0);
INSERT INTO "meeting" VALUES(41,1,'2026-12-06','学校会议室','draft',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'committee',NULL,NULL,'','',4,15,'',NULL,'',NULL,'[]','','',0);
CREATE TABLE "member" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "gender" VARCHAR(32),
    "ethnicity" VARCHAR(20) NOT NULL,
    "birth_date" DATE,
    "id_number" VARCHAR(18),
    "education" VARCHAR(30) NOT NULL,
    "position" VARCHAR(50) NOT NULL,
    "phone" VARCHAR(20) NOT NULL,
    "joined_on" DATE,
    "full_member_on" DATE,
    "status" VARCHAR(32) NOT NULL,
    "state" VARCHAR(32) NOT NULL,
    "left_on" DATE,
    "party_group_id" INTEGER,
    "notes" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("party_group_id") REFERENCES "party_group" ("id") ON DELETE SET NULL
);
INSERT INTO "member" VALUES(1,1,'丁雪艳','female','土家族','1973-11-25','42282219731125116X','大学专科','班主任','18392771279','1999-08-16','2000-08-16','full','active',NULL,1,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(2,1,'冯永','female','土家族','1992-01-15','422822199201158801','大学本科','教务主任','15084734873','2011-06-28','2012-06-28','full','active',NULL,2,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(3,1,'邱霞永','female','汉族','1995-10-22','422822199510229263','中专','教务主任','15751139388','2017-12-08','2018-12-08','full','active',NULL,1,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(4,1,'曾丽佳','female','汉族','1964-09-04','422822196409045423','中专','校长','18135508799','1985-01-12','1986-01-12','full','active',NULL,2,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(5,1,'史刚','female','汉族','1996-07-13','422822199607136186','中专','教师','17390614859','2026-01-20',NULL,'probationary','active',NULL,1,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(6,1,'王洋雪','male','土家族','1967-09-05','422822196709050216','大学专科','教师','17887426307','1997-07-01','1998-07-01','full','active',NULL,2,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(7,1,'顾辉鑫','female','土家族','1967-10-19','422822196710197645','中专','班主任','18896732519','1997-04-23','1998-04-23','full','active',NULL,1,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(8,1,'周婷国','female','汉族','1987-08-18','422822198708187842','大学专科','教师','18746557475','2012-05-24','2013-05-24','full','active',NULL,2,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(9,1,'石静超','female','土家族','1982-11-28','422822198211284161','中专','校长','19475028907','2009-09-18','2010-09-18','full','active',NULL,1,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(10,1,'叶磊丽','female','土家族','1986-09-06','422822198609068688','中专','校长','19863954064','2008-12-28','2009-12-28','full','active',NULL,2,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(11,1,'廖梅梅','male','汉族','1996-04-19','422822199604198752','大学专科','教师','17807858612','2019-06-01','2020-06-01','full','active',NULL,1,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(12,1,'郑斌平','male','汉族','1976-03-19','422822197603195235','大学专科','后勤','19289577420','1999-10-19','2000-10-19','full','active',NULL,2,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(13,1,'武梅红','female','汉族','1998-05-23','422822199805237682','中专','校长','18712564494','2019-06-01','2020-06-01','full','active',NULL,1,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(14,1,'沈敏玉','female','汉族','1994-05-01','42282219940501050X','大学本科','教务主任','18038795502','2019-06-01','2020-06-01','full','active',NULL,2,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(15,1,'陈桂','male','苗族','1964-03-15','422822196403157854','中专','教师','17354867135','1985-05-01','1986-05-01','full','active',NULL,1,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(16,1,'戴林春','male','汉族','1967-01-20','422822196701208357','大学本科','副校长','13514393359','1989-08-24','1990-08-24','full','active',NULL,2,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(17,1,'朱琪静','male','苗族','1993-02-12','42282219930212255X','中专','副校长','18866309689','2019-06-01','2020-06-01','full','active',NULL,1,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(18,1,'马俊','male','土家族','1974-06-25','422822197406250717','大学专科','后勤','13055770682','2026-05-20',NULL,'probationary','active',NULL,2,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(19,1,'付红','female','土家族','1986-07-20','422822198607202484','中专','班主任','13226631570','2011-01-07','2012-01-07','full','active',NULL,1,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(20,1,'薛梅娟','male','土家族','1972-11-18','422822197211184596','大学本科','后勤','13827710415','1996-06-17','1997-06-17','full','active',NULL,2,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(21,1,'叶华静','male','汉族','1998-07-17','422822199807173619','大学本科','教师','13586992156','2019-06-01','2020-06-01','full','active',NULL,1,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(22,1,'严军林','male','土家族','1988-11-22','422822198811221033','大学本科','教师','13894286460','2010-10-19','2011-10-19','full','active',NULL,2,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
INSERT INTO "member" VALUES(23,1,'邵超','male','苗族','1991-09-23','422822199109230559','大学本科','后勤','13829982630','2016-09-04','2017-09-04','full','active',NULL,1,'','2026-12-06 13:03:20','2026-12-06 13:03:20');
CREATE TABLE "member_event" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "member_id" INTEGER NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "occurred_on" DATE NOT NULL,
    "note" TEXT NOT NULL,
    "recorded_at" DATETIME NOT NULL,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE CASCADE
);
INSERT INTO "member_event" VALUES(1,1,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(2,2,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(3,3,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(4,4,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(5,5,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(6,6,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(7,7,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(8,8,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(9,9,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(10,10,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(11,11,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(12,12,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(13,13,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(14,14,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(15,15,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(16,16,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(17,17,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(18,18,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(19,19,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(20,20,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(21,21,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(22,22,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
INSERT INTO "member_event" VALUES(23,23,'added','2026-12-06','演示数据','2026-12-06 13:03:20');
CREATE TABLE "organization" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "parent_id" INTEGER,
    FOREIGN KEY ("parent_id") REFERENCES "organization" ("id") ON DELETE RESTRICT
);
INSERT INTO "organization" VALUES(1,'中共建始县教育局委员会','committee',NULL);
CREATE TABLE "party_group" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "name" VARCHAR(50) NOT NULL,
    "position" INTEGER NOT NULL,
    "leader_id" INTEGER,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("leader_id") REFERENCES "member" ("id") ON DELETE SET NULL
);
INSERT INTO "party_group" VALUES(1,1,'第一党小组',0,1);
INSERT INTO "party_group" VALUES(2,1,'第二党小组',1,2);
CREATE TABLE "resolution" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "meeting_id" INTEGER NOT NULL,
    "agenda_item_id" INTEGER,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "votes_for" INTEGER,
    "votes_against" INTEGER,
    "votes_abstain" INTEGER,
    "passed" INTEGER,
    FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item" ("id") ON DELETE SET NULL
);
INSERT INTO "resolution" VALUES(2,4,6,0,'同意发展党员工作',3,0,0,1);
INSERT INTO "resolution" VALUES(3,7,10,0,'同意确定本月主题党日活动方案',3,0,0,1);
INSERT INTO "resolution" VALUES(4,12,16,0,'同意“党员先行·关爱学生”结对帮扶工作',3,0,0,1);
INSERT INTO "resolution" VALUES(5,15,20,0,'同意发展党员工作',3,0,0,1);
INSERT INTO "resolution" VALUES(6,18,24,0,'同意确定本月主题党日活动方案',3,0,0,1);
INSERT INTO "resolution" VALUES(7,23,30,0,'同意“党员先行·关爱学生”结对帮扶工作',3,0,0,1);
INSERT INTO "resolution" VALUES(8,26,34,0,'同意发展党员工作',3,0,0,1);
INSERT INTO "resolution" VALUES(9,29,38,0,'同意确定本月主题党日活动方案',3,0,0,1);
INSERT INTO "resolution" VALUES(10,34,44,0,'同意“党员先行·关爱学生”结对帮扶工作',3,0,0,1);
INSERT INTO "resolution" VALUES(11,37,48,0,'同意发展党员工作',3,0,0,1);
INSERT INTO "resolution" VALUES(12,40,52,0,'同意确定本月主题党日活动方案',3,0,0,1);
INSERT INTO "resolution" VALUES(13,1,54,0,'同意“党员先行·关爱学生”结对帮扶工作',3,0,0,1);
CREATE TABLE "setting" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "key" VARCHAR(100) NOT NULL,
    "value" TEXT NOT NULL
);
CREATE TABLE "speech" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "agenda_item_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "speaker_id" INTEGER,
    "speaker_name" VARCHAR(50) NOT NULL,
    "content" TEXT NOT NULL,
    FOREIGN KEY ("agenda_item_id") REFERENCES "agenda_item" ("id") ON DELETE CASCADE,
    FOREIGN KEY ("speaker_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
INSERT INTO "speech" VALUES(3,5,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(4,6,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(5,9,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(6,10,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(7,15,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(8,16,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(9,19,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(10,20,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(11,23,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(12,24,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(13,29,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(14,30,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(15,33,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(16,34,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(17,37,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(18,38,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(19,43,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(20,44,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(21,47,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(22,48,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(23,51,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(24,52,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(25,53,0,4,'','提出工作安排，请各位委员发表意见。');
INSERT INTO "speech" VALUES(26,54,0,4,'','提出工作安排，请各位委员发表意见。');
CREATE TABLE "theme_day" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "branch_id" INTEGER NOT NULL,
    "held_on" DATE NOT NULL,
    "place" VARCHAR(100) NOT NULL,
    "state" VARCHAR(32) NOT NULL,
    "late_entry" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "archived_at" DATETIME,
    "theme" VARCHAR(200) NOT NULL,
    "form" VARCHAR(30) NOT NULL,
    "required_items" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "meeting_id" INTEGER,
    FOREIGN KEY ("branch_id") REFERENCES "branch" ("id") ON DELETE RESTRICT,
    FOREIGN KEY ("meeting_id") REFERENCES "meeting" ("id") ON DELETE SET NULL
);
INSERT INTO "theme_day" VALUES(1,1,'2026-01-15','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','走进敬老院志愿服务','志愿服务','["重温入党誓词", "交纳党费"]','',NULL);
INSERT INTO "theme_day" VALUES(2,1,'2026-02-15','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','参观红色教育基地','集中学习','["重温入党誓词", "交纳党费"]','',NULL);
INSERT INTO "theme_day" VALUES(3,1,'2026-03-15','学校会议室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'重温入党誓词，牢记初心使命','集中学习','["重温入党誓词", "交纳党费", "集中学习"]','',10);
INSERT INTO "theme_day" VALUES(4,1,'2026-04-15','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','“党员先行·关爱学生”家访活动','集中学习','["重温入党誓词", "交纳党费"]','',NULL);
INSERT INTO "theme_day" VALUES(5,1,'2026-05-15','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','重温入党誓词，牢记初心使命','集中学习','["重温入党誓词", "交纳党费"]','',NULL);
INSERT INTO "theme_day" VALUES(6,1,'2026-06-15','学校会议室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'重温入党誓词，牢记初心使命','集中学习','["重温入党誓词", "交纳党费", "集中学习"]','',21);
INSERT INTO "theme_day" VALUES(7,1,'2026-07-15','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','参观红色教育基地','集中学习','["重温入党誓词", "交纳党费"]','',NULL);
INSERT INTO "theme_day" VALUES(8,1,'2026-08-15','学校会议室','archived',0,'2026-12-06 13:03:20','2026-12-06 13:03:20','2026-12-06 13:03:20','学习党的创新理论','集中学习','["重温入党誓词", "交纳党费"]','',NULL);
INSERT INTO "theme_day" VALUES(9,1,'2026-09-15','学校会议室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'重温入党誓词，牢记初心使命','集中学习','["重温入党誓词", "交纳党费", "集中学习"]','',32);
INSERT INTO "theme_day" VALUES(10,1,'2026-10-15','学校会议室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'重温入党誓词，牢记初心使命','集中学习','["重温入党誓词", "交纳党费"]','',NULL);
INSERT INTO "theme_day" VALUES(11,1,'2026-11-15','学校会议室','finished',0,'2026-12-06 13:03:20','2026-12-06 13:03:20',NULL,'走进敬老院志愿服务','志愿服务','["重温入党誓词", "交纳党费"]','',NULL);
CREATE TABLE "transfer" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "member_id" INTEGER NOT NULL,
    "direction" VARCHAR(32) NOT NULL,
    "occurred_on" DATE NOT NULL,
    "letter_no" VARCHAR(50) NOT NULL,
    "counterpart" VARCHAR(100) NOT NULL,
    "note" TEXT NOT NULL,
    "recorded_at" DATETIME NOT NULL,
    FOREIGN KEY ("member_id") REFERENCES "member" ("id") ON DELETE RESTRICT
);
CREATE UNIQUE INDEX "setting_key" ON "setting" ("key");
CREATE INDEX "organization_parent_id" ON "organization" ("parent_id");
CREATE UNIQUE INDEX "branch_uid" ON "branch" ("uid");
CREATE INDEX "branch_organization_id" ON "branch" ("organization_id");
CREATE INDEX "party_group_branch_id" ON "party_group" ("branch_id");
CREATE INDEX "party_group_leader_id" ON "party_group" ("leader_id");
CREATE UNIQUE INDEX "party_group_branch_id_name" ON "party_group" ("branch_id", "name");
CREATE INDEX "member_branch_id" ON "member" ("branch_id");
CREATE UNIQUE INDEX "member_id_number" ON "member" ("id_number");
CREATE INDEX "member_party_group_id" ON "member" ("party_group_id");
CREATE INDEX "member_event_member_id" ON "member_event" ("member_id");
CREATE INDEX "transfer_member_id" ON "transfer" ("member_id");
CREATE UNIQUE INDEX "branch_committee_branch_id" ON "branch_committee" ("branch_id");
CREATE INDEX "committee_term_committee_id" ON "committee_term" ("committee_id");
CREATE INDEX "committee_post_term_id" ON "committee_post" ("term_id");
CREATE INDEX "committee_post_member_id" ON "committee_post" ("member_id");
CREATE INDEX "audit_log_at" ON "audit_log" ("at");
CREATE INDEX "meeting_branch_id" ON "meeting" ("branch_id");
CREATE INDEX "meeting_party_group_id" ON "meeting" ("party_group_id");
CREATE INDEX "meeting_chair_id" ON "meeting" ("chair_id");
CREATE INDEX "meeting_recorder_id" ON "meeting" ("recorder_id");
CREATE INDEX "meeting_lecturer_id" ON "meeting" ("lecturer_id");
CREATE INDEX "meeting_branch_id_held_on" ON "meeting" ("branch_id", "held_on");
CREATE INDEX "agenda_item_meeting_id" ON "agenda_item" ("meeting_id");
CREATE INDEX "speech_agenda_item_id" ON "speech" ("agenda_item_id");
CREATE INDEX "speech_speaker_id" ON "speech" ("speaker_id");
CREATE INDEX "resolution_meeting_id" ON "resolution" ("meeting_id");
CREATE INDEX "resolution_agenda_item_id" ON "resolution" ("agenda_item_id");
CREATE INDEX "theme_day_branch_id" ON "theme_day" ("branch_id");
CREATE INDEX "theme_day_meeting_id" ON "theme_day" ("meeting_id");
CREATE INDEX "theme_day_branch_id_held_on" ON "theme_day" ("branch_id", "held_on");
CREATE INDEX "heart_talk_branch_id" ON "heart_talk" ("branch_id");
CREATE INDEX "heart_talk_talker_id" ON "heart_talk" ("talker_id");
CREATE INDEX "heart_talk_talkee_id" ON "heart_talk" ("talkee_id");
CREATE INDEX "attendance_meeting_id" ON "attendance" ("meeting_id");
CREATE INDEX "attendance_theme_day_id" ON "attendance" ("theme_day_id");
CREATE INDEX "attendance_member_id" ON "attendance" ("member_id");
CREATE INDEX "attachment_sha256" ON "attachment" ("sha256");
CREATE INDEX "attachment_meeting_id" ON "attachment" ("meeting_id");
CREATE INDEX "attachment_theme_day_id" ON "attachment" ("theme_day_id");
CREATE INDEX "attachment_heart_talk_id" ON "attachment" ("heart_talk_id");
CREATE INDEX "amendment_record_type_record_id" ON "amendment" ("record_type", "record_id");
COMMIT;
PRAGMA user_version=4;
PRAGMA application_id=1246970436;
